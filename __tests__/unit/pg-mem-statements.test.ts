import { randomUUID } from 'node:crypto';
import { bindStatements, parameterisedTemplate } from '../../src/db/pg-mem/bind';
import { openPgMemDatabase } from '../../src/db/pg-mem/database';
import { installPostgresExtensions } from '../../src/db/pg-mem/extensions';
import { asPostgresJsonb } from '../../src/db/pg-mem/json-keys';
import { pgMem } from '../../src/db/pg-mem/load';
import { BLOCK_SCHEMA } from '../../src/db/pg-mem/schema';
import type { SqlValue } from '../../src/db/database';

const INSERT = `INSERT INTO notion_blocks (block_id, page_id, parent_id, type, content, indexer, "order", version, "createdAt", "updatedAt")
  VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $9) RETURNING *`;

/** The same statement bound into the tree and compiled per call: the path every statement took before. */
function literalPath(sql: string, values: SqlValue[]): Record<string, unknown>[] {
  const memory = pgMem.newDb({ autoCreateForeignKeyIndices: false, noAstCoverageCheck: true });
  installPostgresExtensions(memory);
  for (const statement of BLOCK_SCHEMA) memory.public.none(statement);
  // As the database hands rows out (database.ts): JSON columns with their aliased keys restored.
  return memory.public.query(bindStatements(sql, values)).rows
    .map((row) => ({ ...row, content: asPostgresJsonb(row.content), indexer: asPostgresJsonb(row.indexer) }));
}

test('templates whose tree holds a value are not compiled once', () => {
  expect(parameterisedTemplate(INSERT)).not.toBeNull();
  expect(parameterisedTemplate('SELECT id FROM notion_blocks WHERE content->>$1 = $2')).toBeNull();
  expect(parameterisedTemplate('SELECT id FROM notion_blocks WHERE content @> $1::jsonb AND type = $1')).toBeNull();
});

test('a statement compiled once stores what the per-call path stores, value for value', async () => {
  const database = await openPgMemDatabase();
  const content = JSON.stringify({ title: 'x', constructor: { __proto__: 'kept' }, n: 1.5, list: [1, null, 'a'] });
  for (const round of [1, 2]) {
    const values: SqlValue[] = [randomUUID(), randomUUID(), round === 1 ? null : randomUUID(), 'Notes', content,
      JSON.stringify({ tenantId: 't', toString: 'y' }), round === 1 ? null : 7, 'v1', new Date(Date.UTC(2026, 10, 30, 12, 0, 0, 123))];
    const [compiled] = await database.query<Record<string, unknown>>(INSERT, values);
    const [literal] = literalPath(INSERT, values);
    expect({ ...compiled, id: 0 }).toEqual({ ...literal, id: 0 });
    expect(compiled!.createdAt).toEqual(values[8]);
  }
  await database.close();
});
