import type { SqlParams } from '../db/sql-params';
import { compileComparison, withoutAnyOwner } from '../content/comparisons';
import { compileIndexerFilter } from '../content/indexer-filter';
import { tooDeep } from '../content/json-depth';
import { rejectNulCharacters } from '../content/record';
import { columnOperand, jsonPathOperand, type Operand } from '../content/operands';
import { badRequest } from '../errors';

type Filter = Record<string, unknown>;

/** The NotionModelFilter fields that compare one column with StringFilter / IntFilter operators. */
const COLUMN_FIELDS = ['id', 'block_id', 'page_id', 'parent_id', 'type', 'order', 'version'] as const;

/**
 * Compiles a NotionModelFilter (already shaped by the schema) into an SQL condition, through the
 * same comparison and indexer compilers as the REST `where`, so both surfaces mean the same thing.
 */
export function compileNotionModelFilter(filter: Filter, params: SqlParams): string {
  // Variables were depth-checked with the body; a literal filter in the query text is checked here.
  const problem = tooDeep(filter, 'where');
  if (problem) throw badRequest('BAD_WHERE', problem);
  // As REST's where: a NUL can match nothing stored, so a filter holding one is a mistake, said so.
  rejectNulCharacters(filter, 'where', 'BAD_WHERE');
  return compileFilter(filter, params, 'where');
}

function compileFilter(filter: Filter, params: SqlParams, label: string): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    parts.push(compileField(field, value, params, `${label}.${field}`));
  }
  return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
}

function compileField(field: string, value: unknown, params: SqlParams, label: string): string {
  if (field === 'AND' || field === 'OR') return compileGroup(field, value as Filter[], params, label);
  if (field === 'indexer') return compileIndexerFilter(indexerFilter(value as Filter, label), params, label, true);
  if (field === 'contentJsonb') {
    const { path, ...operators } = value as Filter;
    return compileOperators(jsonPathOperand('content', path as string, label), operators, params);
  }
  if (field === 'content') return compileOperators(contentText(label), value as Filter, params);
  if ((COLUMN_FIELDS as readonly string[]).includes(field)) return compileOperators(columnOperand(field, label), withoutAnyOwner(field, value as Filter), params);
  throw badRequest('BAD_WHERE', `${label}: unknown filter field`);
}

function compileGroup(group: 'AND' | 'OR', filters: Filter[], params: SqlParams, label: string): string {
  if (filters.length === 0) throw badRequest('BAD_WHERE', `${label} must be a non-empty list of filters`);
  return `(${filters.map((item, index) => compileFilter(item, params, `${label}[${index}]`)).join(` ${group} `)})`;
}

/** Every operator of one filter object must hold; an object with none matches every row. */
function compileOperators(operand: Operand, operators: Filter, params: SqlParams): string {
  const parts = Object.entries(operators)
    .filter(([, value]) => value !== undefined)
    .map(([operator, value]) => compileComparison(operand, operator, value, params));
  return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
}

/**
 * The service's schema has `typed: JSONTypedFilter` but its resolver ignores it, so rows it should
 * exclude come back; rejecting it here exposes that instead of hiding it.
 * `not: null` (a variable left unset) means "no negation", not "negate nothing".
 */
function indexerFilter(filter: Filter, label: string): Filter {
  const { not, typed, ...rest } = filter;
  if (typed !== undefined && typed !== null) {
    throw badRequest('BAD_WHERE', `${label}.typed is not applied by the Mesh service (it would match every row); use eq, ne, has or the other indexer operators`);
  }
  if (not === null || not === undefined) return rest;
  return { ...rest, not: indexerFilter(not as Filter, `${label}.not`) };
}

/** The content JSON as text, for StringFilter's eq/contains/like on `content`. */
function contentText(label: string): Operand {
  const text = () => 'mesh_jsonb_text("content")';
  return { kind: 'text', label, expression: text, text };
}
