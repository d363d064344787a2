import type { ErrorRequestHandler, Response } from 'express';
import { isMeshError } from '../errors';
import { describeBodyError, reportBug, type RequestFailure } from './envelope';

/** What the service's GraphQL layer answers without a valid x-mesh-secret: its own body, not the REST envelope. */
export function refuseGraphql(res: Response): void {
  res.locals.errorCode = 'UNAUTHORIZED';
  res.status(401).json({ error: 'Unauthorized: missing or invalid mesh secret' });
}

/**
 * Errors raised before Apollo sees a /graphql request (a body that is not JSON or too large, a
 * repeated ?tenant=) in GraphQL's shape, so a GraphQL client can read every answer it gets.
 * Codes are Apollo's: BAD_REQUEST for a malformed request, INTERNAL_SERVER_ERROR for a bug.
 */
export const graphqlErrorShape: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const { status, code, message } = graphqlFailure(error);
  res.locals.errorCode = code;
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

function graphqlFailure(error: unknown): RequestFailure {
  if (isMeshError(error)) return { status: error.status, code: error.code ?? 'BAD_REQUEST', message: error.message };
  const client = describeBodyError(error);
  if (client) return { ...client, code: 'BAD_REQUEST' };
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: reportBug(error) };
}
