import type { SqlParams } from '../db/sql-params';
import { badRequest } from '../errors';
import { COMPARISON_OPERATORS, compileComparison, withoutAnyOwner } from './comparisons';
import { compileIndexerFilter } from './indexer-filter';
import { tooDeep } from './json-depth';
import { rejectNulCharacters } from './record';
import { columnOperand, isColumnName, jsonPathOperand, type Operand } from './operands';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Parses the `where` query parameter (URL-decoded JSON text). */
export function parseWhereParameter(raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw badRequest('BAD_WHERE', 'where must be given once, as URL-encoded JSON');
  let where: unknown;
  try {
    where = JSON.parse(raw);
  } catch (error) {
    throw badRequest('BAD_WHERE', `where is not valid JSON: ${(error as Error).message}`);
  }
  const problem = tooDeep(where, 'where');
  if (problem) throw badRequest('BAD_WHERE', problem);
  rejectNulCharacters(where, 'where', 'BAD_WHERE');
  return where;
}

/** Compiles the REST `where` object (contract: GET /api/content/:type) into an SQL condition. */
export function compileWhere(where: unknown, params: SqlParams, label = 'where'): string {
  if (!isPlainObject(where)) throw badRequest('BAD_WHERE', `${label} must be a JSON object, e.g. {"indexer":{"path":"title","eq":"x"}}`);
  const parts = Object.entries(where).map(([key, value]) => compileEntry(key, value, params, `${label}.${key}`));
  return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
}

function compileEntry(key: string, value: unknown, params: SqlParams, label: string): string {
  const group = key.toUpperCase();
  if (group === 'AND' || group === 'OR') return compileGroup(group, value, params, label);
  if (key === 'indexer') return compileIndexerFilter(value, params, label);
  return compileField(key, fieldOperand(key, label), value, params);
}

function compileGroup(group: 'AND' | 'OR', value: unknown, params: SqlParams, label: string): string {
  if (!Array.isArray(value) || value.length === 0) throw badRequest('BAD_WHERE', `${label} must be a non-empty array of conditions`);
  return `(${value.map((item, index) => compileWhere(item, params, `${label}[${index}]`)).join(` ${group} `)})`;
}

function fieldOperand(key: string, label: string): Operand {
  const dot = key.indexOf('.');
  const column = dot === -1 ? key : key.slice(0, dot);
  if (dot !== -1 && (column === 'content' || column === 'indexer')) return jsonPathOperand(column, key.slice(dot + 1), label);
  if (dot === -1 && isColumnName(key)) return columnOperand(key, label);
  throw badRequest('BAD_WHERE',
    `${label}: unknown field; use AND, OR, indexer, a column (id, block_id, page_id, parent_id, type, order, version, createdAt, updatedAt) or a dotted content path like "content.title"`);
}

/** `{op: value, ...}` when every key is an operator, otherwise the value itself means `eq`. */
function compileField(field: string, operand: Operand, value: unknown, params: SqlParams): string {
  const operators = isPlainObject(value) ? Object.keys(value) : [];
  const isOperatorObject = operators.length > 0 && operators.every((key) => COMPARISON_OPERATORS.includes(key));
  if (!isOperatorObject) {
    if (isPlainObject(value) && operand.kind !== 'json') {
      throw badRequest('BAD_WHERE', `${operand.label}: unknown operator "${operators[0] ?? ''}"; use one of ${COMPARISON_OPERATORS.join(', ')}`);
    }
    return compileComparison(operand, 'eq', value, params);
  }
  const parts = Object.entries(withoutAnyOwner(field, value as Record<string, unknown>)).map(([operator, operatorValue]) =>
    compileComparison(operand, operator, operatorValue, params));
  return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
}
