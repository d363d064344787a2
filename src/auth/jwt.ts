import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims Mesh reads from a Bearer token. */
export interface MeshJwtClaims {
  /** User id. */
  sub?: string;
  /** Tenant id; the service treats a missing claim as `any`. */
  tenant?: string;
  roles?: string[];
  /** Expiry, seconds since the epoch. */
  exp?: number;
  [claim: string]: unknown;
}

export type JwtCheck = { ok: true; claims: MeshJwtClaims } | { ok: false; reason: string };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Signs an HS256 token the way the service's auth layer issues them; for tests and fixtures. */
export function signMeshJwt(claims: MeshJwtClaims, signingKey: string): string {
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${head}.${createHmac('sha256', signingKey).update(head).digest('base64url')}`;
}

/**
 * Verifies a token as a standard HS256 verifier does (RFC 7515/7519; the checks of jsonwebtoken,
 * jose and PyJWT with their default options):
 * - three base64url parts without padding or stray characters; header and payload JSON objects;
 * - `alg` exactly "HS256" (no "none", no algorithm picked by the token) and no `crit` extensions;
 * - the signature compared, in constant time, with the one computed: the canonical base64url text,
 *   so padding or junk appended to it is refused;
 * - `exp`, `nbf` and `iat` numbers when present (a string or null is refused), with no clock
 *   tolerance: expired at `exp`, not yet valid before `nbf`, refused when `iat` lies in the future.
 */
export function verifyMeshJwt(token: string, signingKey: string, now = Date.now()): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return refuse('not a JWT (expected three dot-separated parts)');
  const [header, payload, signature] = parts as [string, string, string];
  if (!parts.every((part) => BASE64URL.test(part))) return refuse('not a JWT (each part must be base64url without padding)');
  const parsedHeader = parseJson(header);
  if (!parsedHeader) return refuse('the header is not a JSON object');
  if (parsedHeader.alg !== 'HS256') return refuse('only HS256 tokens are accepted');
  if (parsedHeader.crit !== undefined) return refuse('the header names critical extensions ("crit"), which this verifier does not support');
  const expected = Buffer.from(createHmac('sha256', signingKey).update(`${header}.${payload}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('bad signature');
  const claims = parseJson(payload);
  if (!claims) return refuse('payload is not a JSON object');
  const problem = timeClaimProblem(claims, Math.floor(now / 1000));
  return problem ? refuse(problem) : { ok: true, claims: claims as MeshJwtClaims };
}

// Non-empty: an empty signature or header is never valid, and "" would slip past the length check.
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const refuse = (reason: string): JwtCheck => ({ ok: false, reason });

/** RFC 7519 NumericDate claims; seconds since the epoch, compared with no leeway. */
function timeClaimProblem(claims: Record<string, unknown>, nowSeconds: number): string | null {
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = claims[claim];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      return `the "${claim}" claim must be a number of seconds since the epoch, got ${JSON.stringify(value)}`;
    }
  }
  const { exp, nbf, iat } = claims as { exp?: number; nbf?: number; iat?: number };
  if (exp !== undefined && exp <= nowSeconds) return 'token expired';
  if (nbf !== undefined && nbf > nowSeconds) return 'token not yet valid ("nbf" is in the future)';
  if (iat !== undefined && iat > nowSeconds) return 'token issued in the future ("iat" is after the current time)';
  return null;
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
