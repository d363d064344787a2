import type { IMemoryDb } from 'pg-mem';
import { pgMem } from './load';
import type { MeshDatabase, SqlValue } from '../database';
import { bindStatements, parameterisedTemplate, parameterValues, type ParameterisedTemplate } from './bind';
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
  const memory = pgMem.newDb({ autoCreateForeignKeyIndices: false, noAstCoverageCheck: true });
  installPostgresExtensions(memory);
  for (const statement of BLOCK_SCHEMA) memory.public.none(statement);
  let baseline = memory.backup();
  const statements = new CompiledStatements(memory);
  return {
    query: async <T>(sql: string, params: readonly SqlValue[] = []) => rowsOf<T>(statements.run(sql, params)),
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
function rowsOf<T>(stored: readonly Record<string, unknown>[]): T[] {
  return stored.map((stored) => {
    const row: Record<string, unknown> = {};
    for (const key of Object.keys(stored)) row[key] = stored[key];
    if (row.content !== undefined) row.content = asPostgresJsonb(row.content);
    if (row.indexer !== undefined) row.indexer = asPostgresJsonb(row.indexer);
    return row as T;
  });
}

type PreparedStatement = ReturnType<IMemoryDb['public']['prepare']>;
interface CompiledTemplate { readonly template: ParameterisedTemplate; readonly prepared: PreparedStatement }

/**
 * Statements compiled once per SQL template and run with each call's values, where pg-mem can:
 * compiling was most of a statement's cost. pg-mem reads some values while compiling (an
 * equality on an indexed column picks its index lookup by the value), which fails with no values
 * at hand; such templates, and those whose tree holds a value (bind.ts), are bound into the tree
 * and compiled per call, as all statements were before. Compiled statements belong to this
 * database's tables; a reset swaps the tables' data, not the tables, so they stay valid.
 */
class CompiledStatements {
  private readonly compiled = new Map<string, CompiledTemplate | null>();

  constructor(private readonly memory: IMemoryDb) {}

  run(sql: string, params: readonly SqlValue[]): Record<string, unknown>[] {
    if (!params.length) return this.memory.public.query(sql).rows;
    const compiled = this.compiledFor(sql);
    if (!compiled) return this.memory.public.query(bindStatements(sql, params)).rows;
    return compiled.prepared.bind(parameterValues(compiled.template, params)).executeAll().rows;
  }

  private compiledFor(sql: string): CompiledTemplate | null {
    let compiled = this.compiled.get(sql);
    if (compiled === undefined) {
      const template = parameterisedTemplate(sql);
      compiled = template && prepareOrNull(this.memory, template);
      if (this.compiled.size >= MAX_COMPILED) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(sql, compiled);
    }
    return compiled;
  }
}

const MAX_COMPILED = 500;

function prepareOrNull(memory: IMemoryDb, template: ParameterisedTemplate): CompiledTemplate | null {
  try {
    return { template, prepared: memory.public.prepare(template.statements as never) };
  } catch {
    return null;
  }
}
