import type { RequestHandler } from 'express';
import type { ContentService } from '../content/service';
import type { StartedGraphql } from '../graphql';

/**
 * Apollo is about a third of the emulator's start-up (module loading), and many suites never send
 * a GraphQL request, so it is loaded and started on the first request to /graphql.
 */
export function lazyGraphql(content: ContentService): { handler: RequestHandler; stop(): Promise<void> } {
  let started: Promise<StartedGraphql> | undefined;
  const start = () => (started ??= import('../graphql').then((graphql) => graphql.startGraphql(content)));
  return {
    handler: async (req, res, next) => {
      const graphql = await start();
      await graphql.handler(req, res, next);
    },
    stop: async () => {
      if (started) await (await started).stop();
    },
  };
}
