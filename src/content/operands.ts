import type { SqlParams } from '../db/sql-params';
import { badRequest } from '../errors';

/** How values of a filterable thing are typed, which decides how they are compared. */
export type OperandKind = 'uuid' | 'text' | 'integer' | 'timestamp' | 'json';

/** Something a filter can compare: a column, or a path inside a JSON column. */
export interface Operand {
  readonly kind: OperandKind;
  /** Where in the filter this came from, for messages (`where.parent_id`). */
  readonly label: string;
  /** The SQL expression of the value (jsonb for json operands). */
  expression(params: SqlParams): string;
  /** The value as text, for substring and pattern tests. */
  text(params: SqlParams): string;
}

const COLUMN_KINDS: Record<string, OperandKind> = {
  id: 'integer', block_id: 'uuid', page_id: 'uuid', parent_id: 'uuid', type: 'text',
  order: 'integer', version: 'text', createdAt: 'timestamp', updatedAt: 'timestamp', content: 'json', indexer: 'json',
};

export const isColumnName = (name: string): boolean => Object.prototype.hasOwnProperty.call(COLUMN_KINDS, name);

/** A column of notion_blocks. `name` must come from COLUMN_KINDS, never straight from a request. */
export function columnOperand(name: string, label: string): Operand {
  const kind = COLUMN_KINDS[name];
  if (!kind) throw badRequest('BAD_WHERE', `${label}: unknown field "${name}"`);
  const quoted = `"${name}"`;
  return {
    kind,
    label,
    expression: () => quoted,
    text: () => (kind === 'text' ? quoted : kind === 'json' ? `mesh_jsonb_text(${quoted})` : `${quoted}::text`),
  };
}

/** A path inside the content or indexer JSON; path segments are bound, not spliced. */
export function jsonPathOperand(column: 'content' | 'indexer', path: string, label: string): Operand {
  const segments = splitPath(path, label);
  const walk = (params: SqlParams, last: '->' | '->>') =>
    segments.reduce((sql, segment, index) => `${sql}${index === segments.length - 1 ? last : '->'}${params.add(segment)}`, `"${column}"`);
  return {
    kind: 'json',
    label,
    expression: (params) => `(${walk(params, '->')})`,
    text: (params) => `(${walk(params, '->>')})`,
  };
}

export function splitPath(path: unknown, label: string): string[] {
  if (typeof path !== 'string' || path === '') throw badRequest('BAD_WHERE', `${label}: path must be a non-empty string, e.g. "title" or "sourceFile.type"`);
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) throw badRequest('BAD_WHERE', `${label}: path "${path}" has an empty segment`);
  return segments;
}
