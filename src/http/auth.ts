import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { verifyMeshJwt, type MeshJwtClaims } from '../auth/jwt';
import { badRequest } from '../errors';
import type { ResolvedMeshServerOptions } from '../options';
import { sendFailure } from './envelope';

/** What the routes need to know of the caller: the tenant, as the service's middleware works it out. */
export interface CallerIdentity {
  tenant: string;
}

export const callerOf = (res: Response): CallerIdentity => res.locals.caller as CallerIdentity;

/** Answers a request without a valid credential; `why` says what was wrong with it. */
export type Refusal = (res: Response, why: string) => void;

/** REST's 401: the failure envelope, with the reason, since the service's REST layer has no check of its own to mirror. */
const refuseRest: Refusal = (res, why) =>
  sendFailure(res, 401, 'UNAUTHORIZED', `Unauthorized: ${why}. Send x-mesh-secret, x-bot-control-secret or Authorization: Bearer <HS256 JWT>`);

/**
 * Reads the secret headers and Bearer token. With auth "enforce", a request needs one valid
 * credential (401 otherwise): a client that omits them would fail against production too.
 */
export function authenticate(options: ResolvedMeshServerOptions, refuse: Refusal = refuseRest) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { secrets } = options;
    const secretOk = sameSecret(req.get('x-mesh-secret'), secrets.mesh) || sameSecret(req.get('x-bot-control-secret'), secrets.botControl);
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const jwt = bearer ? verifyMeshJwt(bearer.trim(), secrets.jwtSigningKey) : null;
    const claims = jwt?.ok ? jwt.claims : null;
    if (options.auth === 'enforce' && !secretOk && !claims) {
      refuse(res, jwt && !jwt.ok ? `the Bearer token was rejected (${jwt.reason})` : 'no valid credential was sent');
      return;
    }
    res.locals.caller = { tenant: tenantOf(req, claims) } satisfies CallerIdentity;
    next();
  };
}

// The JWT's claim wins; a `tenant` field in a JSON body is ignored, as by the service.
function tenantOf(req: Request, claims: MeshJwtClaims | null): string {
  if (typeof claims?.tenant === 'string' && claims.tenant !== '') return claims.tenant;
  const query = req.query.tenant;
  if (query === undefined || query === '') return 'any';
  if (typeof query !== 'string') throw badRequest('BAD_TENANT', 'tenant must be given once, as ?tenant=<tenant UUID>');
  return query;
}

// Digests first: timingSafeEqual needs equal lengths, and comparing digests leaks neither the
// secret's length nor where a guess goes wrong. The secrets are fixed per server, so each one's
// digest is computed once (it was a tenth of a get's server time).
const secretDigests = new Map<string, Buffer>();
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  let expected = secretDigests.get(secret);
  if (!expected) {
    if (secretDigests.size >= 64) secretDigests.clear();
    secretDigests.set(secret, (expected = digest(secret)));
  }
  return timingSafeEqual(digest(given), expected);
}
