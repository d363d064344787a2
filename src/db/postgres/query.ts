import { QueryTypes, type Sequelize } from 'sequelize';
import type { MeshDatabase, SqlValue } from '../database';

/** MeshDatabase.query over Sequelize: the same SQL text pg-mem runs, values as protocol parameters. */
export function sequelizeQuery(sequelize: Sequelize): MeshDatabase['query'] {
  return async <T>(sql: string, params: readonly SqlValue[] = []) =>
    await sequelize.query(sql, { bind: params as SqlValue[], type: QueryTypes.SELECT }) as T[];
}
