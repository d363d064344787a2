import { spawn } from 'node:child_process';

/** Databases to drop, and the templates to drop as well once no worker database of theirs is left. */
export interface DropJob {
  readonly url: string;
  readonly databases: readonly string[];
  readonly templates: ReadonlyArray<{ readonly template: string; readonly prefix: string }>;
}

interface PgModule { Client: new (config: object) => PgClient }
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}

/**
 * Drops a job's databases. Self-contained on purpose (no imports, no outer names): the exit hook
 * runs this very function's source in a detached process, since a worker that exits cannot wait
 * for a network round trip, and close() runs it in process. Names were checked against the mesh_
 * namespace when they were made; the template is dropped under the same advisory lock as its
 * creation and cloning, so a worker that is cloning it right now is never left without it.
 */
export async function runDropJob(pg: PgModule, job: DropJob): Promise<void> {
  const client = new pg.Client({ connectionString: job.url, connectionTimeoutMillis: 5000 });
  await client.connect();
  const ident = (name: string) => {
    if (!/^mesh_[a-z0-9_]+$/.test(name)) throw new Error(`not a mesh_ database: ${name}`);
    return `"${name}"`;
  };
  try {
    for (const name of job.databases) await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    for (const { template, prefix } of job.templates) {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
      try {
        const pattern = `${prefix.replace(/_/g, '\\_')}\\_w%`;
        const siblings = await client.query('SELECT 1 FROM pg_database WHERE datname LIKE $1 LIMIT 1', [pattern]);
        if (siblings.rows.length === 0) await client.query(`DROP DATABASE IF EXISTS ${ident(template)} WITH (FORCE)`);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts runDropJob in a detached Node process and returns at once: used on process exit, where
 * nothing asynchronous runs any more. The URL travels in the environment, not the command line,
 * so its password does not show in `ps`.
 */
export function spawnDropJob(job: DropJob): void {
  const script = `(${runDropJob.toString()})(require(process.env.MESH_DROP_PG), JSON.parse(process.env.MESH_DROP_JOB)).catch(() => process.exit(1))`;
  const child = spawn(process.execPath, ['-e', script], {
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH ?? '', MESH_DROP_PG: require.resolve('pg'), MESH_DROP_JOB: JSON.stringify(job) },
  });
  child.unref();
}
