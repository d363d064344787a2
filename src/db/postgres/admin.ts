import * as pg from 'pg';
import { Sequelize } from 'sequelize';
import type { StartRows } from '../database';
import { defineBlockModel } from '../model';
import { describeTarget, explainDatabaseError, MeshDatabaseError, noCreateDb } from './errors';
import { runDropJob, spawnDropJob, type DropJob } from './drop-job';
import {
  currentRunId, isLeftover, namePrefix, noteFor, parseNote, quoteIdentifier, runProcessId, templateName, workerDatabaseName,
  type DatabaseNameParts,
} from './names';
import { sequelizeQuery } from './query';
import { SCHEMA_VERSION, SERVICE_INDEXES, TEMPLATE_SQL } from './schema';

/** A connect that cannot complete in this time reports the server unreachable instead of waiting on. */
export const CONNECT_TIMEOUT_MS = 5000;
/** How long a worker waits for another worker of its run to finish the template. */
const LOCK_TIMEOUT = '120s';

export interface WorkerDatabase {
  readonly name: string;
  /** The admin URL with the worker database as its path. */
  readonly url: string;
  readonly template: string;
  readonly prefix: string;
}

/**
 * Creates this server's own database, cloned from the run's template (made first if this is the
 * run's first server), and drops crashed runs' leftovers when it makes a template. The template
 * holds `startRows` and is named by their key, so servers of one run with different start rows
 * (another clock option, another package version) each clone their own. Every failure is a
 * MeshDatabaseError naming `key`, the option the URL came from.
 */
export async function createWorkerDatabase(adminUrl: string, key: string, parts: DatabaseNameParts, startRows?: StartRows): Promise<WorkerDatabase> {
  const client = await connect(adminUrl, key);
  try {
    await requireCreateDb(client, adminUrl, key);
    const prefix = namePrefix(currentRunId(), parts);
    const template = templateName(prefix, startRows?.key);
    const name = workerDatabaseName(prefix, parts);
    await withLock(client, template, async () => {
      await ensureTemplate(client, adminUrl, template, startRows);
      // Only a pinned MESH_RUN_ID repeats a name: the earlier run's database is a leftover.
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`);
      await setNote(client, name, JSON.stringify(noteFor(process.pid)));
    });
    const database = { name, url: databaseUrl(adminUrl, name), template, prefix };
    track(adminUrl, database);
    return database;
  } catch (error) {
    throw error instanceof MeshDatabaseError ? error : explainDatabaseError(error, adminUrl, key);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops a worker database now (server close); its template goes when the process exits. */
export async function dropWorkerDatabase(adminUrl: string, database: WorkerDatabase): Promise<void> {
  open.get(adminUrl)?.databases.delete(database.name);
  await runDropJob(pg, { url: adminUrl, databases: [database.name], templates: [] });
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url: string, key: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection error after connect (server restart) must not crash the process: the next query fails instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw explainDatabaseError(error, url, key);
  }
  return client;
}

async function requireCreateDb(client: pg.Client, url: string, key: string): Promise<void> {
  const { rows } = await client.query<{ allowed: boolean }>(
    'SELECT rolcreatedb OR rolsuper AS allowed FROM pg_roles WHERE rolname = current_user');
  if (!rows[0]?.allowed) throw noCreateDb(describeTarget(url), key);
}

async function withLock(client: pg.Client, template: string, work: () => Promise<void>): Promise<void> {
  await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
  try {
    await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
  }
}

/** A template is complete when its note names the current schema; anything else under its name is rebuilt. */
async function ensureTemplate(client: pg.Client, adminUrl: string, template: string, startRows: StartRows | undefined): Promise<void> {
  const { rows } = await client.query<{ note: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1", [template]);
  if (rows.length > 0 && parseNote(rows[0]!.note)?.schema === SCHEMA_VERSION) return;
  await dropLeftovers(client);
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(template)} WITH (FORCE)`);
  await createEmptyDatabase(client, template);
  await fillTemplate(databaseUrl(adminUrl, template), startRows);
  await setNote(client, template, JSON.stringify(noteFor(runProcessId(), SCHEMA_VERSION)));
}

/**
 * UTF-8 whatever the server's default, C collation (text sorts by bytes, as the emulator's jsonb
 * ordering assumes), and a UTF-8 character type where the server has one, so lower() folds
 * non-ASCII letters as pg-mem's JavaScript does.
 */
async function createEmptyDatabase(client: pg.Client, name: string): Promise<void> {
  const base = `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`;
  try {
    await client.query(`${base} LC_CTYPE 'C.UTF-8'`);
  } catch {
    await client.query(base);
  }
}

async function fillTemplate(url: string, startRows: StartRows | undefined): Promise<void> {
  const sequelize = new Sequelize(url, { dialect: 'postgres', dialectModule: pg, logging: false, pool: { max: 1 } });
  try {
    defineBlockModel(sequelize, SERVICE_INDEXES);
    await sequelize.sync();
    await sequelize.query(TEMPLATE_SQL);
    await startRows?.write({ query: sequelizeQuery(sequelize) });
  } finally {
    await sequelize.close();
  }
}

/** COMMENT takes no parameters: the server quotes the note itself (format's %L), so no value is spliced here. */
async function setNote(client: pg.Client, name: string, note: string): Promise<void> {
  const { rows } = await client.query<{ sql: string }>("SELECT format('COMMENT ON DATABASE %I IS %L', $1::text, $2::text) AS sql", [name, note]);
  await client.query(rows[0]!.sql);
}

/**
 * Drops databases of crashed runs: named mesh_..., carrying this package's note, and older than
 * LEFTOVER_AGE_MS or made on this machine by a process that has ended. A database still in use,
 * or owned by another role, is left alone.
 */
async function dropLeftovers(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string; note: string | null }>(
    "SELECT datname AS name, shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname LIKE 'mesh\\_%'");
  for (const { name, note } of rows) {
    const parsed = parseNote(note);
    if (!parsed || !isLeftover(parsed) || !/^mesh_[a-z0-9_]+$/.test(name)) continue;
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`).catch(() => undefined);
  }
}

/**
 * What this process created and has not dropped, per admin URL. A runner's worker ends with
 * process.exit and no chance to await anything, so the exit hook hands the drops to a detached
 * process (drop-job.ts). A process killed outright leaves its databases to the next run's
 * dropLeftovers().
 */
const open = new Map<string, { databases: Set<string>; templates: Map<string, string> }>();

function track(adminUrl: string, database: WorkerDatabase): void {
  if (open.size === 0) process.once('exit', dropOnExit);
  let entry = open.get(adminUrl);
  if (!entry) open.set(adminUrl, (entry = { databases: new Set(), templates: new Map() }));
  entry.databases.add(database.name);
  entry.templates.set(database.template, database.prefix);
}

function dropOnExit(): void {
  for (const [url, entry] of open) {
    const job: DropJob = { url, databases: [...entry.databases], templates: [...entry.templates].map(([template, prefix]) => ({ template, prefix })) };
    try {
      spawnDropJob(job);
    } catch {
      // nothing more can be done at exit; the next run drops the leftovers
    }
  }
  open.clear();
}
