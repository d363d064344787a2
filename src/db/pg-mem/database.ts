import { newDb } from 'pg-mem';
import { QueryTypes, Sequelize } from 'sequelize';
import { createPgModule } from './driver';
import type { SqlValue } from './bind';
import { restoreKeys } from './json-keys';
import { installPostgresExtensions } from './pg-mem-extensions';
import { defineBlockModel } from './model';
import { unrefIdleReaper } from './pool-timer';

/** An in-memory PostgreSQL database with the Mesh schema, owned by one server instance. */
export interface MeshDatabase {
  /** Runs parameterised SQL ($1..$n) and returns its rows (RETURNING rows for writes). */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Makes the current state the baseline that restoreBaseline() returns to. */
  takeBaseline(): void;
  restoreBaseline(): void;
  close(): Promise<void>;
}

export async function openMeshDatabase(): Promise<MeshDatabase> {
  const memory = newDb({ autoCreateForeignKeyIndices: false });
  installPostgresExtensions(memory);
  const sequelize = new Sequelize({ dialect: 'postgres', dialectModule: createPgModule(memory), logging: false });
  unrefIdleReaper(sequelize);
  defineBlockModel(sequelize);
  // pg-mem cannot run sync() twice on one database: this is the only call, made before any snapshot.
  await sequelize.sync();
  let baseline = memory.backup();
  return {
    query: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      restoreJsonColumns(await sequelize.query(sql, { bind: params as SqlValue[], type: QueryTypes.SELECT }) as T[]),
    takeBaseline: () => { baseline = memory.backup(); },
    restoreBaseline: () => baseline.restore(),
    close: () => sequelize.close(),
  };
}

/** The JSON columns as written: pg-mem holds prototype-named keys under an alias (json-keys.ts). */
function restoreJsonColumns<T>(rows: T[]): T[] {
  for (const row of rows as Array<Record<string, unknown>>) {
    if (row.content !== undefined) row.content = restoreKeys(row.content);
    if (row.indexer !== undefined) row.indexer = restoreKeys(row.indexer);
  }
  return rows;
}
