import type { DatabaseNameParts } from './postgres/names';
import { openPgMemDatabase } from './pg-mem/database';

export type { DatabaseNameParts } from './postgres/names';

/** What may be bound to a $n placeholder. */
export type SqlValue = string | number | boolean | null | undefined | Date;

/**
 * The storage seam: a database with the Mesh schema, owned by one server instance. pg-mem/ keeps
 * it in memory; postgres/ gives the server its own database on a PostgreSQL server. Both run the
 * same SQL text, with values bound as $n; nothing outside src/db asks which one it is.
 */
export interface MeshDatabase {
  /** Runs parameterised SQL ($1..$n) and returns its rows (RETURNING rows for writes). */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Makes the current state the baseline that restoreBaseline() returns to. */
  takeBaseline(): Promise<void>;
  /** Back to the baseline: its rows exactly, and the id sequence where it stood. */
  restoreBaseline(): Promise<void>;
  /** Open connections stop keeping the process alive (StartedMeshServer.unref). */
  unref(): void;
  /** Closes connections and drops what the database created. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Rows every database starts with (the built-in definitions). A pg-mem database has them written
 * when it opens; on PostgreSQL they are written once into the run's template, whose name carries
 * `key`, so every database cloned from it starts with them and its server inserts nothing.
 */
export interface StartRows {
  /** Differs whenever write() would leave other rows (other definitions, other timestamps). */
  readonly key: string;
  write(database: Pick<MeshDatabase, 'query'>): Promise<void>;
}

/** Which database, and where that choice came from (for messages). */
export interface DatabaseChoice {
  /** `"pg-mem"` or a postgres:// admin URL (MeshServerOptions.database). */
  readonly url: string;
  /** The full option key the URL came from, named in connection errors. */
  readonly key: string;
  /** What the database's name says about who uses it (a runner's shard and worker). */
  readonly names?: DatabaseNameParts;
  readonly startRows?: StartRows;
}

type PostgresModule = typeof import('./postgres/database');

/**
 * Run from TypeScript source (this repository's own Jest run, where the environment starts the
 * server), a module loads only while Jest's transform hook is installed, as the environment module
 * itself loads: the on-demand import below then failed with "Cannot find module". So from source
 * the PostgreSQL module is loaded with this one, as lazy-graphql.ts does; the built package stays lazy.
 */
const postgresFromSource: PostgresModule | undefined = __filename.endsWith('.ts') ? require('./postgres/database') as PostgresModule : undefined;

export async function openMeshDatabase(choice: DatabaseChoice): Promise<MeshDatabase> {
  if (choice.url === 'pg-mem') {
    const database = await openPgMemDatabase();
    await choice.startRows?.write(database);
    return database;
  }
  // Loaded on demand: a pg-mem run never loads the pg driver.
  const { openPostgresDatabase } = postgresFromSource ?? await import('./postgres/database');
  return openPostgresDatabase(choice.url, choice.key, choice.names ?? {}, choice.startRows);
}
