import type { SqlParams } from '../db/sql-params';
import { badRequest } from '../errors';
import { jsonPathOperand, splitPath, type Operand } from './operands';

type IndexerTest = (target: Operand, value: unknown, params: SqlParams, path: string[]) => string;

const JSON_TYPES = ['object', 'array', 'string', 'number', 'boolean', 'null'];

/** The contract's `indexer` operators: `{ path, <op>: value }`, run on the indexer JSON. */
const INDEXER_TESTS: Record<string, IndexerTest> = {
  eq: (_t, v, p, path) => `"indexer" @> ${p.json(nest(path, v))}`,
  equals: (_t, v, p, path) => `"indexer" @> ${p.json(nest(path, v))}`,
  ne: (_t, v, p, path) => `NOT ("indexer" @> ${p.json(nest(path, v))})`,
  contains: (t, v, p) => `mesh_icontains(${t.text(p)}, ${p.add(requireString(t, v, 'contains'))})`,
  containedBy: (t, v, p) => `${t.expression(p)} <@ ${p.json(v)}`,
  has: (t, v, p) => `${t.expression(p)} @> ${p.json([v])}`,
  hasSome: (t, v, p) => anyElement(t, requireArray(t, v, 'hasSome'), p),
  hasEvery: (t, v, p) => `${t.expression(p)} @> ${p.json(requireArray(t, v, 'hasEvery'))}`,
  hasNone: (t, v, p) => `NOT COALESCE(${anyElement(t, requireArray(t, v, 'hasNone'), p)}, FALSE)`,
  hasKey: (t, v, p) => `${t.expression(p)} ? ${p.add(requireString(t, v, 'hasKey'))}`,
  hasAnyKeys: (t, v, p) => `${t.expression(p)} ?| ${p.json(requireStrings(t, v, 'hasAnyKeys'))}`,
  hasAllKeys: (t, v, p) => `${t.expression(p)} ?& ${p.json(requireStrings(t, v, 'hasAllKeys'))}`,
  typed: (t, v, p) => {
    if (!JSON_TYPES.includes(v as string)) throw badRequest('BAD_WHERE', `${t.label}.typed must be one of ${JSON_TYPES.join(', ')}`);
    return `jsonb_typeof(${t.expression(p)}) = ${p.add(v as string)}`;
  },
};

export const INDEXER_OPERATORS = Object.keys(INDEXER_TESTS);

/**
 * Compiles `{ path, op: value, ... }`; several operators in one object must all hold.
 * `allowNot` adds GraphQL's `not: { ...same shape, path optional }`.
 */
export function compileIndexerFilter(filter: unknown, params: SqlParams, label: string, allowNot = false): string {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw badRequest('BAD_WHERE', `${label} must be an object like { "path": "title", "eq": "..." }`);
  }
  const { path: rawPath, ...operators } = filter as Record<string, unknown>;
  const path = splitPath(rawPath, label);
  const target = jsonPathOperand('indexer', path.join('.'), label);
  const parts = Object.entries(operators).map(([operator, value]) => {
    if (allowNot && operator === 'not') return `NOT COALESCE(${compileIndexerFilter({ path: rawPath, ...(value as object) }, params, `${label}.not`, true)}, FALSE)`;
    const test = Object.prototype.hasOwnProperty.call(INDEXER_TESTS, operator) ? INDEXER_TESTS[operator] : undefined;
    if (!test) throw badRequest('BAD_WHERE', `${label}: unknown operator "${operator}"; use one of ${INDEXER_OPERATORS.join(', ')}${allowNot ? ', not' : ''}`);
    if (value === undefined) throw badRequest('BAD_WHERE', `${label}.${operator} needs a value`);
    return `(${test(target, value, params, path)})`;
  });
  if (parts.length === 0) throw badRequest('BAD_WHERE', `${label} needs an operator besides "path": one of ${INDEXER_OPERATORS.join(', ')}`);
  return `(${parts.join(' AND ')})`;
}

function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

// One bound list (mesh_has_some is `@> [v]` for any v): an OR of @> tests costs pg-mem quadratic time.
function anyElement(target: Operand, values: unknown[], params: SqlParams): string {
  if (values.length === 0) return '(FALSE)';
  return `mesh_has_some(${target.expression(params)}, ${params.json(values)})`;
}

function requireArray(target: Operand, value: unknown, operator: string): unknown[] {
  if (!Array.isArray(value)) throw badRequest('BAD_WHERE', `${target.label}.${operator} must be an array of values`);
  return value;
}

function requireStrings(target: Operand, value: unknown, operator: string): string[] {
  const values = requireArray(target, value, operator);
  if (values.some((item) => typeof item !== 'string')) throw badRequest('BAD_WHERE', `${target.label}.${operator} must be an array of strings`);
  return values as string[];
}

function requireString(target: Operand, value: unknown, operator: string): string {
  if (typeof value !== 'string') throw badRequest('BAD_WHERE', `${target.label}.${operator} must be a string, got ${JSON.stringify(value)}`);
  return value;
}
