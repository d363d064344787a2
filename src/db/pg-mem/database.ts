import { newDb } from 'pg-mem';
import { QueryTypes, Sequelize } from 'sequelize';
import { createPgModule } from './driver';
import type { MeshDatabase, SqlValue } from '../database';
import { restoreKeys } from './json-keys';
import { installPostgresExtensions } from './extensions';
import { defineBlockModel } from '../model';
import { unrefIdleReaper } from '../pool-timer';

/** An in-memory database with the Mesh schema, owned by one server instance. */
export async function openPgMemDatabase(): Promise<MeshDatabase> {
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
    takeBaseline: async () => { baseline = memory.backup(); },
    restoreBaseline: async () => baseline.restore(),
    // Nothing but the idle reaper's timer (unref'd above) could keep the process alive.
    unref: () => undefined,
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
