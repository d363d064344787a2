import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import type { ContentService } from '../content/service';
import { formatGraphqlError } from './errors';
import { knownOperationTypes } from './operation-types';
import { createResolvers, type GraphqlContext } from './resolvers';
import { typeDefs } from './schema';

export interface StartedGraphql { handler: RequestHandler; stop(): Promise<void> }

/** Starts Apollo over the content service; auth and JSON body parsing run before its handler. */
export async function startGraphql(content: ContentService): Promise<StartedGraphql> {
  const server = new ApolloServer<GraphqlContext>({
    typeDefs,
    resolvers: createResolvers(content),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphqlError,
    validationRules: [knownOperationTypes],
    // The contract offers plain POST /graphql only; with APQ off, a persistedQuery extension gets
    // Apollo's PERSISTED_QUERY_NOT_SUPPORTED (clients' APQ links then send the full query) instead
    // of a cache the service may not have, and a hash mismatch no longer reads as a server error.
    persistedQueries: false,
    // The server's owner closes it; an emulator must not react to SIGINT/SIGTERM or report to Apollo's cloud.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
  await server.start();
  return { handler: expressMiddleware(server, { context: async () => ({ parents: new Map() }) }), stop: () => server.stop() };
}
