import { MeshApiError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Where and as whom a client calls; fixed per MeshClient instance. */
export interface Endpoint {
  /** Server root, no trailing slash and no `/api`. */
  readonly root: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly tenant: string | undefined;
}

export interface RequestSpec {
  readonly method: HttpMethod;
  /** Starts with `/`; segments already encoded (see `segment`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
}

/** A response read in full, so no socket is left holding an unread body. */
export interface Reply {
  readonly method: HttpMethod;
  readonly url: string;
  readonly status: number;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface SuccessEnvelope<T> {
  readonly success: true;
  readonly data: T;
  readonly total?: number;
  readonly hasMore?: boolean;
}

interface FailureEnvelope {
  readonly success: false;
  readonly error: { readonly message?: unknown; readonly code?: unknown; readonly details?: unknown };
}

export const segment = (value: string): string => encodeURIComponent(value);

export async function send(endpoint: Endpoint, spec: RequestSpec): Promise<Reply> {
  const url = buildUrl(endpoint, spec);
  const hasBody = spec.body !== undefined;
  const init: RequestInit = {
    method: spec.method,
    headers: hasBody ? { ...endpoint.headers, 'content-type': 'application/json' } : endpoint.headers,
    body: hasBody ? JSON.stringify(spec.body) : undefined,
  };
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    return { method: spec.method, url, status: response.status, text, json: parseJson(text) };
  } catch (error) {
    throw new MeshApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: `${spec.method} ${url} failed before a response arrived: ${describeCause(error)}`,
      details: undefined,
      method: spec.method,
      url,
    });
  }
}

/** A REST call whose failure envelope (or any non-success answer) becomes a MeshApiError. */
export async function rest<T>(endpoint: Endpoint, spec: RequestSpec): Promise<SuccessEnvelope<T>> {
  const reply = await send(endpoint, spec);
  if (isSuccess(reply)) return reply.json as SuccessEnvelope<T>;
  throw replyError(reply);
}

/**
 * Like `rest`, but the contract's 404 envelope means "absent" and yields null. A 404 without the
 * envelope (a wrong base URL, a proxy) still throws, so a misconfigured client does not read as "empty".
 */
export async function restOrAbsent<T>(endpoint: Endpoint, spec: RequestSpec): Promise<SuccessEnvelope<T> | null> {
  const reply = await send(endpoint, spec);
  if (isSuccess(reply)) return reply.json as SuccessEnvelope<T>;
  if (reply.status === 404 && isFailureEnvelope(reply.json)) return null;
  throw replyError(reply);
}

export function replyError(reply: Reply, details?: unknown): MeshApiError {
  const { method, url, status } = reply;
  if (isFailureEnvelope(reply.json)) {
    const { error } = reply.json;
    return new MeshApiError({
      status,
      code: typeof error.code === 'string' ? error.code : `HTTP_${status}`,
      message: typeof error.message === 'string' ? error.message : `HTTP ${status} from ${method} ${url}`,
      details: error.details ?? details,
      method,
      url,
    });
  }
  const ok = status >= 200 && status < 300;
  return new MeshApiError({
    status,
    code: ok ? 'INVALID_RESPONSE' : `HTTP_${status}`,
    message: `${ok ? 'Unexpected body' : `HTTP ${status}`} from ${method} ${url}: ${reply.text.slice(0, 200)}`,
    details,
    method,
    url,
  });
}

function buildUrl(endpoint: Endpoint, spec: RequestSpec): string {
  // The contract takes the tenant of a REST call from `?tenant=`; GraphQL and /test ignore it.
  const tenant = spec.path.startsWith('/api/') ? endpoint.tenant : undefined;
  const pairs = Object.entries({ ...spec.query, tenant })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `${endpoint.root}${spec.path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isSuccess(reply: Reply): boolean {
  const body = reply.json as { success?: unknown } | undefined;
  return reply.status >= 200 && reply.status < 300 && body?.success === true;
}

function isFailureEnvelope(body: unknown): body is FailureEnvelope {
  const candidate = body as Partial<FailureEnvelope> | undefined;
  return candidate?.success === false && typeof candidate.error === 'object' && candidate.error !== null;
}

// fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return typeof cause?.message === 'string' ? `${message} (${cause.message})` : message;
}
