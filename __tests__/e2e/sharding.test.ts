import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { testPostgresUrl } from '../support/backend';
import { ConsumerProject, devToolVersions, packPackage, type PackedPackage } from './support/consumer-project';

/**
 * `jest --shard=1/2` and `--shard=2/2` at the same time, from the packed package, against one
 * PostgreSQL server (fixtures/sharding): each worker's database holds only its own files' rows,
 * factory ids are the same on every run and unique across shards, and no mesh_ database is left.
 */
jest.setTimeout(300_000);

const url = testPostgresUrl();
const withPostgres = url ? describe : describe.skip;
const FILES = 8;

interface Observation { file: string; pid: number; workerId: number; before: string[]; tenantId: string; userId: string }

withPostgres('two shards at once on one PostgreSQL server (MESH_TEST_DATABASE)', () => {
  let packed: PackedPackage;
  let project: ConsumerProject;
  const admin = new Client({ connectionString: url });

  beforeAll(async () => {
    await admin.connect();
    packed = await packPackage();
    project = await ConsumerProject.create(packed, 'sharding', devToolVersions());
    project.generate('sharding', 'file.test.js.tmpl', FILES);
  }, 300_000);

  afterAll(async () => {
    await admin.end();
    packed?.dispose();
  });

  const meshDatabases = async () =>
    (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'mesh\\_%'")).rows.map((row) => row.datname);

  async function runShards(label: string): Promise<Observation[][]> {
    const outs = [1, 2].map((shard) => join(project.root, `sharding-${label}-${shard}.out`));
    const runs = await Promise.all([1, 2].map((shard) => project.jest('sharding', [`--shard=${shard}/2`, '--maxWorkers=2'], {
      MESH_E2E_DATABASE: url!, MESH_E2E_OUT: outs[shard - 1]!,
    })));
    for (const result of runs) {
      expect(result.report.testResults.map((suite) => suite.message).join('')).toBe('');
      expect(result.code).toBe(0);
    }
    return outs.map((out) => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Observation) : []));
  }

  /** The databases go when the workers end; the drop runs in a detached process, so this waits for it (bounded). */
  async function expectNoMeshDatabaseLeft(baseline: string[]): Promise<void> {
    let left: string[] = [];
    for (let attempt = 0; attempt < 100; attempt += 1) {
      left = (await meshDatabases()).filter((name) => !baseline.includes(name));
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(left).toEqual([]);
  }

  test('isolation per shard and worker, the same ids every run, nothing left behind', async () => {
    const before = await meshDatabases();
    const first = await runShards('first');
    const files = first.flat().map((o) => o.file).sort();
    expect(files).toHaveLength(FILES);
    expect(new Set(files).size).toBe(FILES);
    for (const shard of first) {
      for (const observation of shard) {
        // reset "none": what earlier files of the same worker wrote (a tenant named after the file,
        // and the one user() makes), never a row of another shard or worker.
        const earlier = shard.filter((o) => o.pid === observation.pid);
        const index = earlier.indexOf(observation);
        expect(observation.before).toHaveLength(2 * index);
        expect(observation.before.filter((name) => name.endsWith('.test.js')).sort()).toEqual(earlier.slice(0, index).map((o) => o.file).sort());
      }
    }
    const ids = first.flat().flatMap((o) => [o.tenantId, o.userId]);
    expect(new Set(ids).size).toBe(ids.length);
    await expectNoMeshDatabaseLeft(before);

    const second = await runShards('second');
    const idsByFile = (runs: Observation[][]) => Object.fromEntries(runs.flat().map((o) => [o.file, [o.tenantId, o.userId]]));
    expect(idsByFile(second)).toEqual(idsByFile(first));
    await expectNoMeshDatabaseLeft(before);
  });
});
