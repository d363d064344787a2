import { MeshClient } from '../src/client';
import type { StartedMeshServer } from '../src/server';
import { createFactories } from './factories';
import type { MeshTestContext } from './globals';
import type { ResolvedEnvironmentOptions } from './options';
import type { TestIdSource } from './test-ids';

/** The `mesh` global of one test file: plain data and functions bound to the worker's server. */
export function createMeshContext(
  server: StartedMeshServer,
  workerId: number,
  options: ResolvedEnvironmentOptions,
  ids: TestIdSource,
): MeshTestContext {
  const secrets = { mesh: server.secrets.mesh, botControl: server.secrets.botControl };
  const client = new MeshClient({ url: server.url, secret: secrets.mesh, botControlSecret: secrets.botControl });
  return {
    url: server.url,
    apiUrl: server.apiUrl,
    graphqlUrl: server.graphqlUrl,
    port: server.port,
    workerId,
    secrets,
    client,
    factories: createFactories({ client, nextId: () => ids.next(), tenantDefinitions: options.tenantDefinitions }),
    resetDb: () => server.resetDatabase(),
  };
}
