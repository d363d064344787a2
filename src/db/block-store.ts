import { randomUUID } from 'node:crypto';
import type { MeshDatabase } from './database';
import type { BlockRow } from './model';
import { SqlParams } from './sql-params';

export interface NewBlock {
  page_id: string;
  parent_id: string | null;
  type: string;
  content: Record<string, unknown>;
  indexer: Record<string, unknown>;
  order?: number | null;
  version?: string | null;
}

export type BlockChanges = Partial<Pick<BlockRow, 'page_id' | 'parent_id' | 'type' | 'content' | 'indexer' | 'order' | 'version'>>;

/** A condition built with SqlParams: SQL text with $n placeholders, and its values. */
export interface Condition { sql: string; params: SqlParams }

export interface FindOptions {
  /** `"column" ASC|DESC` items, built from a whitelist by the caller. Oldest first when absent. */
  orderBy?: string[];
  limit?: number;
  offset?: number;
}

const JSON_COLUMNS = new Set(['content', 'indexer']);
const PRIMARY_KEY_PAGE = 100;

/** Every statement against notion_blocks. Values are always bound, never spliced. */
export class BlockStore {
  /** `now`: the server's clock (src/clock), which stamps createdAt / updatedAt. */
  constructor(private readonly db: Pick<MeshDatabase, 'query'>, private readonly now: () => Date = () => new Date()) {}

  async insert(block: NewBlock): Promise<BlockRow> {
    const now = this.now();
    const rows = await this.db.query<BlockRow>(
      `INSERT INTO notion_blocks (block_id, page_id, parent_id, type, content, indexer, "order", version, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $9) RETURNING *`,
      [randomUUID(), block.page_id, block.parent_id, block.type, JSON.stringify(block.content), JSON.stringify(block.indexer),
        block.order ?? null, block.version ?? null, now],
    );
    return rows[0]!;
  }

  async find(where: Condition, options: FindOptions = {}): Promise<BlockRow[]> {
    const order = (options.orderBy?.length ? options.orderBy : []).concat('"id" ASC').join(', ');
    const limit = options.limit === undefined ? '' : ` LIMIT ${where.params.add(options.limit)}`;
    const offset = options.offset ? ` OFFSET ${where.params.add(options.offset)}` : '';
    return this.db.query<BlockRow>(`SELECT * FROM notion_blocks WHERE ${where.sql} ORDER BY ${order}${limit}${offset}`, where.params.values);
  }

  async findFirst(where: Condition): Promise<BlockRow | null> {
    return (await this.find(where, { limit: 1 }))[0] ?? null;
  }

  /**
   * One page of rows in id order (oldest first) and the number of all matching rows. pg-mem sorts
   * and counts slowly, so this scans once for the matching ids, sorts those in JS, and fetches only
   * the page's rows by primary key: about half the time of a count plus an ORDER BY ... LIMIT.
   */
  async page(where: Condition, limit: number, offset: number): Promise<{ rows: BlockRow[]; total: number }> {
    const matches = await this.db.query<{ id: number }>(`SELECT id FROM notion_blocks WHERE ${where.sql}`, where.params.values);
    const ids = matches.map((row) => row.id).sort((a, b) => a - b);
    const pageIds = ids.slice(offset, offset + limit);
    if (pageIds.length === 0) return { rows: [], total: ids.length };
    // A short page is fetched through the primary key; a long one in one scan, since pg-mem parses
    // each IN length as a new statement and slows down fast with its length (seconds at 1,000).
    const byId = condition((p) => (pageIds.length <= PRIMARY_KEY_PAGE
      ? `id IN (${pageIds.map((id) => p.add(id)).join(', ')})`
      : `mesh_in_list(id, ${p.json(pageIds)})`));
    const rows = await this.db.query<BlockRow>(`SELECT * FROM notion_blocks WHERE ${byId.sql}`, byId.params.values);
    return { rows: rows.sort((a, b) => a.id - b.id), total: ids.length };
  }

  /**
   * Writes changes to a row read earlier. Null when that row is gone: a delete or a reset ran
   * between the read and this write. Matching block_id as well as id matters after a reset, which
   * rewinds the id sequence, so a new row can carry the old row's id.
   */
  async update(row: Pick<BlockRow, 'id' | 'block_id'>, changes: BlockChanges): Promise<BlockRow | null> {
    const params = new SqlParams();
    const sets = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([column, value]) => `"${column}" = ${JSON_COLUMNS.has(column) ? params.json(value) : params.add(value as string | number | null)}`);
    sets.push(`"updatedAt" = ${params.add(this.now())}`);
    const rows = await this.db.query<BlockRow>(
      `UPDATE notion_blocks SET ${sets.join(', ')} WHERE id = ${params.add(row.id)} AND block_id = ${params.add(row.block_id)} RETURNING *`,
      params.values,
    );
    return rows[0] ?? null;
  }

  async delete(where: Condition): Promise<number> {
    const rows = await this.db.query<{ id: number }>(`DELETE FROM notion_blocks WHERE ${where.sql} RETURNING id`, where.params.values);
    return rows.length;
  }
}

/** Starts a condition: `condition((p) => \`type = ${p.add(type)}\`)`. */
export function condition(build: (params: SqlParams) => string): Condition {
  const params = new SqlParams();
  return { sql: build(params), params };
}
