import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { sendFailure } from '../http/envelope';
import { refuseGraphql } from '../http/graphql-errors';
import type { RequestLog } from '../http/request-log';
import { contentTypeOf, type FaultBook } from './book';
import type { ActiveFault } from './faults';

/**
 * Answers requests an armed fault catches, before any route sees them. /test is never faulted, so a
 * test can always clear what it armed.
 */
export function injectFaults(book: FaultBook, log: RequestLog) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.path === '/test' || req.path.startsWith('/test/')) return next();
    const fault = book.take({ method: req.method, path: req.path });
    if (!fault) return next();
    if (fault.delayMs > 0) await book.wait(fault.delayMs);
    if (fault.drop) {
      // No 'finish' event follows a destroyed socket, so the log entry is written here.
      log.add({ method: req.method, path: req.originalUrl.slice(0, 300), status: 0, durationMs: fault.delayMs, injected: 'drop' });
      req.socket.destroy();
      return;
    }
    if (fault.status === undefined) {
      res.locals.injected = 'delay';
      return next();
    }
    res.locals.injected = 'answer';
    answer(req, res, fault, fault.status);
  };
}

function answer(req: Request, res: Response, fault: ActiveFault, status: number): void {
  const graphql = req.path === '/graphql' || req.path.startsWith('/graphql/');
  if (graphql && status === 401) {
    refuseGraphql(res);
    return;
  }
  const message = fault.message ?? serviceMessage(fault, status, req.path);
  if (graphql) {
    const code = fault.code ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    res.locals.errorCode = code;
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
    return;
  }
  sendFailure(res, status, fault.code, message);
}

/** The service's own text for the failures it has one for; the HTTP reason phrase otherwise. */
function serviceMessage(fault: ActiveFault, status: number, path: string): string {
  if (fault.code === 'CONTENT_CREATE_ERR') return `Internal error: Content definition for type "${fault.type ?? contentTypeOf(path) ?? 'unknown'}" not found.`;
  if (status === 401) return 'Unauthorized: missing or invalid mesh secret';
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}
