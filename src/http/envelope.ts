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
  const bodyError = error as { type?: string; status?: number; message?: string; limit?: number };
  if (bodyError.type === 'entity.parse.failed') {
    sendFailure(res, 400, 'INVALID_JSON', `Request body is not valid JSON: ${bodyError.message}`);
  } else if (bodyError.type === 'entity.too.large') {
    sendFailure(res, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than the ${bodyError.limit}-byte limit`);
  } else if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    sendFailure(res, bodyError.status, 'BAD_REQUEST', bodyError.message ?? 'Bad request');
  } else {
    // A bug in the emulator: say so plainly rather than pretend it is the client's fault.
    process.stderr.write(`[mesh emulator] unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    sendFailure(res, 500, 'INTERNAL_ERROR', `Emulator error: ${(error as Error)?.message ?? String(error)}`);
  }
};
