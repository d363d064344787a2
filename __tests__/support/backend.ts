import type { MeshServerOptions } from '../../src/options';

/**
 * The backend the integration suites run on: pg-mem, or the PostgreSQL server named by
 * MESH_TEST_DATABASE (an admin URL, e.g. the one `scripts/postgres.sh start` prints). .ci/run runs
 * the suites once each way; every test server that is not about a specific option takes this.
 */
export function testDatabase(): Pick<MeshServerOptions, 'database'> {
  const url = process.env.MESH_TEST_DATABASE;
  return url ? { database: url } : {};
}

/** The PostgreSQL admin URL when the suites run against one, for tests that only make sense there. */
export const testPostgresUrl = (): string | undefined => process.env.MESH_TEST_DATABASE || undefined;
