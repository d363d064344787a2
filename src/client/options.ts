import type { Endpoint } from './transport';
import { describe, requireText } from './validate';

export interface MeshClientOptions {
  /** The server root (`http://127.0.0.1:1234`); a URL ending in `/api` is accepted too. */
  url: string;
  /** Sent as `x-mesh-secret`. */
  secret?: string;
  /** Sent as `x-bot-control-secret`. */
  botControlSecret?: string;
  /** A JWT, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as `?tenant=` on REST calls; selects which tenant's definitions apply. */
  tenant?: string;
}

const OPTIONAL_TEXT = ['secret', 'botControlSecret', 'token', 'tenant'] as const;
const ALLOWED = ['url', ...OPTIONAL_TEXT] as const;

/** Checks the constructor input and returns it with `url` normalised to the server root. */
export function resolveClientOptions(input: unknown): MeshClientOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(`MeshClient: options must be an object with at least \`url\`, got ${describe(input)}`);
  }
  const options = input as Record<string, unknown>;
  const unknown = Object.keys(options).filter((key) => !(ALLOWED as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new TypeError(`MeshClient: unknown option(s) ${unknown.map((k) => `\`${k}\``).join(', ')}; allowed: ${ALLOWED.join(', ')}`);
  }
  const resolved: MeshClientOptions = { url: serverRoot(options.url) };
  for (const name of OPTIONAL_TEXT) {
    if (options[name] !== undefined) resolved[name] = requireText(name, options[name]);
  }
  return resolved;
}

export function endpointFor(options: MeshClientOptions): Endpoint {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.secret !== undefined) headers['x-mesh-secret'] = options.secret;
  if (options.botControlSecret !== undefined) headers['x-bot-control-secret'] = options.botControlSecret;
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  return { root: options.url, headers, tenant: options.tenant };
}

// Mesh clients usually hold the `/api` URL as their base; the client needs the root for /graphql too.
function serverRoot(value: unknown): string {
  const invalid = (why: string) => new TypeError(`MeshClient: \`url\` ${why}, got ${describe(value)}`);
  const mustBe = 'must be an http(s) URL such as "http://127.0.0.1:4000" (a trailing "/api" is allowed)';
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(mustBe);
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw invalid(mustBe);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('must use http or https');
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
    throw invalid('must not carry a query, fragment or credentials (use the `tenant` and `secret` options)');
  }
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return `${parsed.origin}${path}`;
}
