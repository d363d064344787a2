/** What a failed call knows about itself; also what `toJSON()` returns. */
export interface MeshApiErrorData {
  readonly name: 'MeshApiError';
  /** HTTP status; 0 when no response arrived (network error). */
  readonly status: number;
  /** The contract's error code (`NOT_FOUND`, `BAD_WHERE`, ...), `HTTP_<status>`, `NETWORK_ERROR` or `INVALID_RESPONSE`. */
  readonly code: string;
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
  }

  toJSON(): MeshApiErrorData {
    const { name, status, code, message, details, method, url } = this;
    return { name, status, code, message, details, method, url };
  }
}

/** Works across Jest realms, where `instanceof MeshApiError` does not. */
export function isMeshApiError(value: unknown): value is MeshApiErrorData {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'MeshApiError';
}
