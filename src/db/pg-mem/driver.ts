import type { IMemoryDb } from 'pg-mem';
import type { SqlValue } from '../database';
import { bindStatements } from './bind';

interface PgQueryConfig { text: string; values?: SqlValue[] }

/**
 * A `pg` module for Sequelize's `dialectModule`: pg-mem's own adapter, with the step that binds
 * values replaced by ours (bind.ts), which hands pg-mem a bound syntax tree instead of text.
 * The server queries pg-mem directly; the schema test runs Sequelize's sync() through this.
 */
export function createPgModule(db: IMemoryDb): object {
  const pg = db.adapters.createPg() as { Client: new () => object; Pool: unknown };
  class Client extends (pg.Client as new () => { adaptQuery(query: unknown, values: unknown): unknown }) {
    override adaptQuery(query: string | PgQueryConfig, values?: SqlValue[]): unknown {
      const config = typeof query === 'string' ? { text: query, values } : { ...query, values: query.values ?? values };
      if (!config.values?.length) return { text: config.text };
      // pg-mem's adapter passes `text` straight to its query(), which also takes parsed statements.
      return { text: bindStatements(config.text, config.values) };
    }
  }
  return { ...pg, Client };
}
