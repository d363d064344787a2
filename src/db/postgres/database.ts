import * as pg from 'pg';
import { Sequelize } from 'sequelize';
import type { MeshDatabase, StartRows } from '../database';
import { defineBlockModel } from '../model';
import { unrefIdleReaper } from '../pool-timer';
import { createWorkerDatabase, dropWorkerDatabase } from './admin';
import type { DatabaseNameParts } from './names';
import { sequelizeQuery } from './query';
import { BASELINE_TABLES, RESTORE_BASELINE, SERVICE_INDEXES } from './schema';

interface Socketed { connection?: { stream?: { unref?: () => void } } }

/**
 * A worker's own PostgreSQL database, cloned from the run's template, through Sequelize and the
 * real `pg` driver. The SQL is the same text pg-mem runs; values travel as protocol parameters.
 * The baseline lives in the database itself (schema.ts), so a reset is one round trip.
 */
export async function openPostgresDatabase(adminUrl: string, key: string, parts: DatabaseNameParts, startRows?: StartRows): Promise<MeshDatabase> {
  const database = await createWorkerDatabase(adminUrl, key, parts, startRows);
  const clients = new Set<Socketed>();
  let unrefd = false;
  const sequelize = new Sequelize(database.url, {
    dialect: 'postgres',
    dialectModule: pg,
    logging: false,
    pool: { max: 4, idle: 10_000 },
    hooks: {
      afterConnect: (connection: unknown) => {
        clients.add(connection as Socketed);
        if (unrefd) (connection as Socketed).connection?.stream?.unref?.();
      },
      afterDisconnect: (connection: unknown) => { clients.delete(connection as Socketed); },
    },
  });
  unrefIdleReaper(sequelize);
  defineBlockModel(sequelize, SERVICE_INDEXES);
  let closing: Promise<void> | undefined;
  return {
    query: sequelizeQuery(sequelize),
    takeBaseline: async () => { await sequelize.query(BASELINE_TABLES); },
    restoreBaseline: async () => { await sequelize.query(RESTORE_BASELINE); },
    /** Open connections stop keeping the process alive (see StartedMeshServer.unref). */
    unref: () => {
      unrefd = true;
      for (const client of clients) client.connection?.stream?.unref?.();
    },
    close: () => (closing ??= sequelize.close().then(() => dropWorkerDatabase(adminUrl, database))),
  };
}
