import type { IMemoryDb } from 'pg-mem';
import { bindParameters, type SqlValue } from './literal';

interface PgQueryConfig { text: string; values?: SqlValue[] }

/**
 * A `pg` module for Sequelize's `dialectModule`: pg-mem's own adapter, with the step that turns
 * bound values into SQL text replaced by ours (see literal.ts).
 */
export function createPgModule(db: IMemoryDb): object {
  const pg = db.adapters.createPg() as { Client: new () => object; Pool: unknown };
  class Client extends (pg.Client as new () => { adaptQuery(query: unknown, values: unknown): PgQueryConfig }) {
    override adaptQuery(query: string | PgQueryConfig, values?: SqlValue[]): PgQueryConfig {
      const config = typeof query === 'string' ? { text: query, values } : { ...query, values: query.values ?? values };
      if (!config.values?.length) return { text: config.text };
      return { text: bindParameters(config.text, config.values) };
    }
  }
  return { ...pg, Client };
}
