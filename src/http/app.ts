import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { ContentService } from '../content/service';
import type { CoverageRecorder } from '../contract-coverage/recorder';
import type { FaultBook } from '../faults/book';
import { injectFaults } from '../faults/middleware';
import type { ResolvedMeshServerOptions } from '../options';
import { authenticate } from './auth';
import { refuseDeepBodies } from './body-depth';
import { errorEnvelope, sendFailure } from './envelope';
import { graphqlErrorShape, refuseGraphql } from './graphql-errors';
import { lazyGraphql } from './lazy-graphql';
import { openApiDocument } from './openapi';
import type { RecordedRequest, RequestLog } from './request-log';
import { restRoutes } from './rest-routes';
import { testRoutes, type TestControls } from './test-routes';

export interface MeshAppParts {
  content: ContentService;
  options: ResolvedMeshServerOptions;
  requestLog: RequestLog;
  reset: () => Promise<void>;
  /** Clock, faults and dump behind the /test routes. */
  testing: Omit<TestControls, 'reset' | 'faults'>;
  faults: FaultBook;
  coverage: CoverageRecorder;
}

export interface MeshApp { app: Express; stop(): Promise<void> }

/** 10 MB, far above what the bot sends (HTML apps of a few hundred KB), and the service's own limit. */
const BODY_LIMIT = '10mb';

export function createMeshApp(parts: MeshAppParts): MeshApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordRequests(parts.requestLog));
  app.use(parts.coverage.middleware());
  app.use(injectFaults(parts.faults, parts.requestLog));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const docs = openApiDocument();
  app.get('/docs/docs.json', (_req, res) => {
    res.json(docs);
  });
  // strict: false so a JSON string or number body reaches the route, which says what shape it wanted.
  app.use(express.json({ limit: BODY_LIMIT, strict: false }));
  app.use(refuseDeepBodies);
  const auth = authenticate(parts.options);
  app.use('/api', auth, restRoutes(parts.content));
  app.use('/test', auth, testRoutes({ ...parts.testing, reset: parts.reset, faults: parts.faults }));
  const graphql = lazyGraphql(parts.content);
  app.use('/graphql', authenticate(parts.options, refuseGraphql), graphql.handler);
  app.use('/graphql', graphqlErrorShape);
  app.use((req, res) => sendFailure(res, 404, 'NOT_FOUND', `No route ${req.method} ${req.path}`));
  app.use(errorEnvelope);
  return { app, stop: graphql.stop };
}

function recordRequests(log: RequestLog) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.on('finish', () => {
      const code = res.locals.errorCode as string | undefined;
      const injected = res.locals.injected as RecordedRequest['injected'];
      log.add({
        method: req.method,
        path: req.originalUrl.length > 300 ? `${req.originalUrl.slice(0, 300)}…` : req.originalUrl,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(code ? { errorCode: code } : {}),
        ...(injected ? { injected } : {}),
      });
    });
    next();
  };
}
