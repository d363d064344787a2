import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { Express } from 'express';
import type { ContentService } from '../content/service';
import { formatGraphqlError } from './errors';
import { createResolvers, type GraphqlContext } from './resolvers';
import { typeDefs } from './schema';

/**
 * Mounts the GraphQL endpoint at `path` (auth and JSON body parsing are mounted before it).
 * Returns the function that stops the Apollo server.
 */
export async function mountGraphql(app: Express, content: ContentService, path: string): Promise<() => Promise<void>> {
  const server = new ApolloServer<GraphqlContext>({
    typeDefs,
    resolvers: createResolvers(content),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphqlError,
    // The server's owner closes it; an emulator must not react to SIGINT/SIGTERM or report to Apollo's cloud.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
  await server.start();
  app.use(path, expressMiddleware(server, { context: async () => ({ parents: new Map() }) }));
  return () => server.stop();
}
