import type { ErrorRequestHandler, Response } from 'express';
import { isMeshError } from '../errors';

/** `code` is absent where the service sends none (see errors.ts). */
export interface FailureBody { success: false; error: { message: string; code?: string; details?: unknown } }

export function sendData(res: Response, data: unknown, extra: Record<string, unknown> = {}): void {
  res.status(200).json({ success: true, data, ...extra });
}

export function sendFailure(res: Response, status: number, code: string | undefined, message: string, details?: unknown): void {
  const body: FailureBody = {
    success: false,
    error: { message, ...(code === undefined ? {} : { code }), ...(details === undefined ? {} : { details }) },
  };
  res.locals.errorCode = code;
  res.status(status).json(body);
}

/** The one place errors become failure envelopes, for REST and the test routes alike. */
export const errorEnvelope: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (isMeshError(error)) {
    sendFailure(res, error.status, error.code, error.message, error.details);
    return;
  }
  const failure = describeBodyError(error);
  if (failure) sendFailure(res, failure.status, failure.code, failure.message);
  else sendFailure(res, 500, 'INTERNAL_ERROR', reportBug(error));
};

export interface RequestFailure { status: number; code: string; message: string }

/** Errors of the body parser and the router (bad JSON, too large, a malformed URL): the client's. */
export function describeBodyError(error: unknown): RequestFailure | null {
  const bodyError = error as { type?: string; status?: number; message?: string; limit?: number } | null;
  if (bodyError?.type === 'entity.parse.failed') {
    return { status: 400, code: 'INVALID_JSON', message: `Request body is not valid JSON: ${bodyError.message}` };
  }
  if (bodyError?.type === 'entity.too.large') {
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than the ${bodyError.limit}-byte limit` };
  }
  if (typeof bodyError?.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return { status: bodyError.status, code: 'BAD_REQUEST', message: bodyError.message ?? 'Bad request' };
  }
  return null;
}

/** A bug in the emulator: logged, and said plainly rather than passed off as the client's fault. */
export function reportBug(error: unknown): string {
  process.stderr.write(`[mesh emulator] unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  return `Emulator error: ${(error as Error)?.message ?? String(error)}`;
}
