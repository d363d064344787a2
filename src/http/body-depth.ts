import type { NextFunction, Request, Response } from 'express';
import { tooDeep } from '../content/json-depth';
import { badRequest } from '../errors';

/**
 * Refuses a JSON body nested beyond MAX_JSON_DEPTH before any route (or GraphQL) walks it; the
 * error goes on to the error handlers, so REST answers with its envelope and /graphql in GraphQL's shape.
 */
export function refuseDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  const problem = req.body !== null && typeof req.body === 'object' ? tooDeep(req.body, 'The request body') : null;
  next(problem ? badRequest('JSON_TOO_DEEP', problem) : undefined);
}
