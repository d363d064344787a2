import type { RequestHandler } from 'express';
import type { ContentService } from '../content/service';
import type { StartedGraphql } from '../graphql';

type GraphqlModule = typeof import('../graphql');

/**
 * Run from TypeScript source (this repository's own Jest run, through ts-jest), modules can only be
 * loaded while Jest's transform hook is installed, which is while the environment module itself
 * loads: a later import finds no loader for '../graphql' and the first /graphql request failed
 * with a 500. So from source the module is loaded with this one; the built package stays lazy.
 */
const fromSource: GraphqlModule | undefined = __filename.endsWith('.ts') ? require('../graphql') as GraphqlModule : undefined;

/**
 * Apollo is about a third of the emulator's start-up (module loading), and many suites never send
 * a GraphQL request, so it is loaded and started on the first request to /graphql.
 */
export function lazyGraphql(content: ContentService): { handler: RequestHandler; stop(): Promise<void> } {
  let started: Promise<StartedGraphql> | undefined;
  const load = (): Promise<GraphqlModule> => (fromSource ? Promise.resolve(fromSource) : import('../graphql'));
  const start = () => (started ??= load().then((graphql) => graphql.startGraphql(content)));
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
