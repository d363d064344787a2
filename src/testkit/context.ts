import { MeshClient } from '../client';
import type { DefinitionObject } from '../content/definition-types';
import type { StartedMeshServer } from '../server';
import { createFactories } from './factories';
import type { MeshTestContext } from './globals';
import { createTestControls } from './test-controls';
import type { TestIdSource } from './test-ids';

/** What a test file needs of its worker's server: a StartedMeshServer, or a handle to one in another thread. */
export type MeshServerHandle = Pick<StartedMeshServer, 'url' | 'apiUrl' | 'graphqlUrl' | 'port' | 'secrets' | 'resetDatabase'>;

/** The `mesh` global of one test file: plain data and functions bound to the worker's server. */
export function createMeshContext(
  server: MeshServerHandle,
  workerId: number,
  options: { readonly tenantDefinitions: readonly DefinitionObject[] },
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
    ...createTestControls(server.url, secrets.mesh),
  };
}
