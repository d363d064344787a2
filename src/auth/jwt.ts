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

/** Verifies an HS256 token: only HS256 is accepted, so a token cannot pick a weaker algorithm. */
export function verifyMeshJwt(token: string, signingKey: string, now = Date.now()): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT (expected three dot-separated parts)' };
  const [header, payload, signature] = parts as [string, string, string];
  const parsedHeader = parseJson(header);
  if (parsedHeader?.alg !== 'HS256') return { ok: false, reason: 'only HS256 tokens are accepted' };
  const expected = createHmac('sha256', signingKey).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  const claims = parseJson(payload);
  if (!claims) return { ok: false, reason: 'payload is not a JSON object' };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) return { ok: false, reason: 'token expired' };
  return { ok: true, claims: claims as MeshJwtClaims };
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
