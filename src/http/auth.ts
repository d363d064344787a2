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

/**
 * Reads the secret headers and Bearer token. With auth "enforce", a request needs one valid
 * credential (401 otherwise): a client that omits them would fail against production too.
 */
export function authenticate(options: ResolvedMeshServerOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { secrets } = options;
    const secretOk = req.get('x-mesh-secret') === secrets.mesh || req.get('x-bot-control-secret') === secrets.botControl;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const jwt = bearer ? verifyMeshJwt(bearer.trim(), secrets.jwtSigningKey) : null;
    const claims = jwt?.ok ? jwt.claims : null;
    if (options.auth === 'enforce' && !secretOk && !claims) {
      const why = jwt && !jwt.ok ? `the Bearer token was rejected (${jwt.reason})` : 'no valid credential was sent';
      sendFailure(res, 401, 'UNAUTHORIZED', `Unauthorized: ${why}. Send x-mesh-secret, x-bot-control-secret or Authorization: Bearer <HS256 JWT>`);
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
