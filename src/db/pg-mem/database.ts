import { newDb, type IMemoryDb } from 'pg-mem';
import type { MeshDatabase, SqlValue } from '../database';
import { bindStatements } from './bind';
import { asPostgresJsonb } from './json-keys';
import { installPostgresExtensions } from './extensions';
import { BLOCK_SCHEMA } from './schema';

/**
 * An in-memory database with the Mesh schema, owned by one server instance. Statements go to
 * pg-mem directly, bound on the syntax tree (bind.ts): Sequelize's query path added a quarter to
 * each statement's cost, and its sync() a third to start-up, while pg-mem was all it ran on.
 */
export async function openPgMemDatabase(): Promise<MeshDatabase> {
  // pg-mem walks every statement's syntax tree through an immutable.js-backed proxy to report SQL
  // it would ignore: a quarter of a get's database time. The statements are this package's own
  // templates, whose results the test suites check, so the walk guards nothing at run time.
  const memory = newDb({ autoCreateForeignKeyIndices: false, noAstCoverageCheck: true });
  installPostgresExtensions(memory);
  for (const statement of BLOCK_SCHEMA) memory.public.none(statement);
  let baseline = memory.backup();
  return {
    query: async <T>(sql: string, params: readonly SqlValue[] = []) => rowsOf<T>(memory, sql, params),
    takeBaseline: async () => { baseline = memory.backup(); },
    restoreBaseline: async () => baseline.restore(),
    // Nothing in pg-mem keeps the process alive, and nothing is left to close.
    unref: () => undefined,
    close: async () => undefined,
  };
}

/**
 * Copies of the rows, as pg-mem's own pg adapter hands them out: a row can be the stored object
 * itself. The JSON columns as PostgreSQL returns them (json-keys.ts): keys in jsonb order, aliases restored.
 */
function rowsOf<T>(memory: IMemoryDb, sql: string, params: readonly SqlValue[]): T[] {
  const result = memory.public.query(params.length ? bindStatements(sql, params) : sql);
  return result.rows.map((stored) => {
    const row: Record<string, unknown> = {};
    for (const key of Object.keys(stored)) row[key] = stored[key];
    if (row.content !== undefined) row.content = asPostgresJsonb(row.content);
    if (row.indexer !== undefined) row.indexer = asPostgresJsonb(row.indexer);
    return row as T;
  });
}
