/** What a failed call knows about itself; also what `toJSON()` returns. */
export interface MeshApiErrorData {
  readonly name: 'MeshApiError';
  /** HTTP status; 0 when no response arrived (network error). */
  readonly status: number;
  /** The contract's error code (`NOT_FOUND`, `BAD_WHERE`, ...), `HTTP_<status>`, `NETWORK_ERROR` or `INVALID_RESPONSE`. */
  readonly code: string;
  /** The server's own message, unchanged, so code that matches on the service's text keeps working. */
  readonly message: string;
  /** The envelope's `error.details`, the GraphQL `errors` array, or undefined. */
  readonly details: unknown;
  readonly method: string;
  readonly url: string;
}

type MeshApiErrorInit = Omit<MeshApiErrorData, 'name'>;

/**
 * Every failure of a MeshClient call. All fields are enumerable own data, because `instanceof`
 * fails when the error crosses a Jest realm while `toMatchObject({ code })` keeps working.
 *
 * `message` is the server's text as sent; what Jest and Node print (the stack's first line, and
 * `toString()`) adds the status, the code and the emulator's `details.hint`, because a failing test
 * shows the stack and the bare service message rarely says what to do.
 */
export class MeshApiError extends Error implements MeshApiErrorData {
  override readonly name = 'MeshApiError' as const;
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly method: string;
  readonly url: string;

  constructor(init: MeshApiErrorInit) {
    super(init.message);
    // Error's own `message` is not enumerable; make it match the other fields.
    Object.defineProperty(this, 'message', { value: init.message, enumerable: true, writable: true, configurable: true });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.method = init.method;
    this.url = init.url;
    this.stack = replaceStackHeader(this.stack, this.toString());
  }

  /** `MeshApiError [500 CONTENT_CREATE_ERR] <message> — hint: <details.hint>`. */
  override toString(): string {
    return describeMeshApiError(this);
  }

  toJSON(): MeshApiErrorData {
    const { name, status, code, message, details, method, url } = this;
    return { name, status, code, message, details, method, url };
  }
}

/** The printed form of a MeshApiError, also for one that crossed a realm as plain data. */
export function describeMeshApiError(error: Omit<MeshApiErrorData, 'name'>): string {
  const label = error.status > 0 ? `${error.status} ${error.code}` : error.code;
  const hint = hintOf(error.details);
  return `MeshApiError [${label}] ${error.message}${hint === undefined ? '' : ` — hint: ${hint}`}`;
}

/**
 * The emulator's `details.hint` (the service sends none). A GraphQL failure carries the envelope's
 * details in the first error's `extensions.details`.
 */
export function hintOf(details: unknown): string | undefined {
  const envelopeDetails = Array.isArray(details) ? (details[0] as { extensions?: { details?: unknown } } | undefined)?.extensions?.details : details;
  const hint = (envelopeDetails as { hint?: unknown } | null | undefined)?.hint;
  return typeof hint === 'string' && hint !== '' ? hint : undefined;
}

/** Works across Jest realms, where `instanceof MeshApiError` does not. */
export function isMeshApiError(value: unknown): value is MeshApiErrorData {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'MeshApiError';
}

// V8 wrote the header as `Error: <message>` (the class field `name` is set after super()); the frames stay.
function replaceStackHeader(stack: string | undefined, header: string): string {
  if (stack === undefined) return header;
  const frames = stack.indexOf('\n    at ');
  return frames === -1 ? header : header + stack.slice(frames);
}
