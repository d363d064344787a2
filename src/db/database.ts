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

/** Which database, and where that choice came from (for messages). */
export interface DatabaseChoice {
  /** `"pg-mem"` or a postgres:// admin URL (MeshServerOptions.database). */
  readonly url: string;
  /** The full option key the URL came from, named in connection errors. */
  readonly key: string;
  /** What the database's name says about who uses it (a runner's shard and worker). */
  readonly names?: DatabaseNameParts;
}

export async function openMeshDatabase(choice: DatabaseChoice): Promise<MeshDatabase> {
  if (choice.url === 'pg-mem') return openPgMemDatabase();
  // Loaded on demand: a pg-mem run never loads the pg driver.
  const { openPostgresDatabase } = await import('./postgres/database');
  return openPostgresDatabase(choice.url, choice.key, choice.names ?? {});
}
