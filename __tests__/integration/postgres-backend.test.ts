import { Client } from 'pg';
import { startMeshServer } from '../../src/server';
import { testPostgresUrl } from '../support/backend';
import { wire } from '../support/http';

// What only the PostgreSQL backend does: per-server databases, their cleanup, and the errors a
// bad URL gets. The suites that run on both backends (REST, GraphQL, client) check behaviour.

describe('the database option', () => {
  it('refuses anything but "pg-mem" or a postgres:// URL, without echoing a password', async () => {
    await expect(startMeshServer({ database: 'mysql://root:hunter2@db/x' })).rejects.toMatchObject({
      name: 'MeshOptionsError',
      message: 'database must be "pg-mem" or a PostgreSQL URL (postgres://user:password@host:port/dbname), got a string that is not one',
    });
    await expect(startMeshServer({ database: 5 as never })).rejects.toThrow('database must be "pg-mem" or a PostgreSQL URL');
  });

  it('an unreachable server is a DATABASE_UNREACHABLE error naming the option the URL came from, not a hang', async () => {
    const error = await startMeshServer({ database: 'postgres://mesh:secret@127.0.0.1:1/postgres' }, { databaseKey: 'testEnvironmentOptions.database' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'MeshDatabaseError', code: 'DATABASE_UNREACHABLE' });
    expect((error as Error).message).toMatch(/^testEnvironmentOptions\.database: cannot reach PostgreSQL at mesh@127\.0\.0\.1:1\/postgres \(ECONNREFUSED\)/);
    expect((error as Error).message).not.toContain('secret');
  });
});

const url = testPostgresUrl();
// Runs where MESH_TEST_DATABASE names a server (.ci/run starts one with scripts/postgres.sh).
const withPostgres = url ? describe : describe.skip;

withPostgres('on PostgreSQL (MESH_TEST_DATABASE)', () => {
  const admin = new Client({ connectionString: url });
  beforeAll(() => admin.connect());
  afterAll(() => admin.end());
  const databases = async () => (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'mesh\\_%'")).rows.map((r) => r.datname);
  const withUser = (user: string, password: string) => {
    const changed = new URL(url!);
    changed.username = user;
    changed.password = password;
    return changed.toString();
  };

  it('refused credentials and a role without CREATEDB are errors that say what to do', async () => {
    await expect(startMeshServer({ database: withUser('mesh', 'wrong') })).rejects.toMatchObject({
      code: 'DATABASE_AUTH', message: expect.stringMatching(/^database: PostgreSQL at mesh@.* refused the credentials/),
    });
    await expect(startMeshServer({ database: withUser('mesh_nocreatedb', 'mesh') })).rejects.toMatchObject({
      code: 'DATABASE_NO_CREATEDB', message: expect.stringContaining('ALTER ROLE "mesh_nocreatedb" CREATEDB'),
    });
  });

  it('each server gets its own mesh_ database; reset returns to the baseline; close drops it', async () => {
    const [a, b] = await Promise.all([startMeshServer({ database: url }), startMeshServer({ database: url })]);
    // Servers started outside a runner's worker are named after the process; other test files may be creating their own.
    const ours = new RegExp(`^mesh_[a-z0-9]+_s1of1_w${process.pid}(_\\d+)?$`);
    let created: string[] = [];
    try {
      created = (await databases()).filter((name) => ours.test(name));
      expect(created).toHaveLength(2);
      const user = { content: { email: 'a@example.com', name: 'only in a' } };
      const callA = wire(a);
      expect((await callA('POST', '/api/content/User', user)).status).toBe(200);
      expect((await callA('GET', '/api/content/User')).body.data).toHaveLength(1);
      expect((await wire(b)('GET', '/api/content/User')).body.data).toEqual([]);

      await a.resetDatabase();
      expect((await callA('GET', '/api/content/User')).body.data).toEqual([]);
      expect((await callA('POST', '/api/content/User', user)).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    expect((await databases()).filter((name) => created.includes(name))).toEqual([]);
  });

  it('servers start with the built-in definitions their run’s template holds; definitions options and clocks stay per server', async () => {
    const definitionRows = async (server: Awaited<ReturnType<typeof startMeshServer>>) => (await wire(server)('POST', '/graphql', {
      query: '{ notionModel(where: { type: { eq: "DynamicContent" } }, limit: 100) { page_id content } }',
    })).body.data.notionModel as Array<{ page_id: string; content: { dataModel: { block: string } } }>;
    const extra = { name: 'PerServerType', dataModel: { block: 'PerServerType', jsonSchema: { type: 'object' as const, properties: {} } } };
    const clock = { start: '2024-01-01T00:00:00.000Z', stepMs: 1000 };
    const a = await startMeshServer({ database: url });
    const b = await startMeshServer({ database: url, definitions: [extra] }).catch(async (error: unknown) => { await a.close(); throw error; });
    const fixed = await startMeshServer({ database: url, clock }).catch(async (error: unknown) => { await Promise.all([a.close(), b.close()]); throw error; });
    try {
      const [rowsA, rowsB, rowsFixed] = await Promise.all([definitionRows(a), definitionRows(b), definitionRows(fixed)]);
      // Cloned, not re-inserted: the same rows, down to the random page_id each was written with.
      const builtIns = rowsA.map((row) => row.page_id);
      expect(builtIns.length).toBeGreaterThan(0);
      expect(rowsB.map((row) => row.page_id).slice(0, builtIns.length)).toEqual(builtIns);
      expect(rowsB.slice(builtIns.length).map((row) => row.content.dataModel.block)).toEqual(['PerServerType']);
      // Another clock option means other stamps, so another template; the built-ins took one step each.
      expect(rowsFixed.map((row) => row.page_id)).not.toEqual(builtIns);
      expect(rowsFixed).toHaveLength(builtIns.length);
      expect((await wire(fixed)('GET', '/test/clock')).body.data.now).toBe(new Date(Date.parse(clock.start) + rowsFixed.length * 1000).toISOString());
    } finally {
      await Promise.all([a.close(), b.close(), fixed.close()]);
    }
  });
});
