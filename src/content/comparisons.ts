import { likePatternProblem } from '../db/like';
import type { SqlParams } from '../db/sql-params';
import { badRequest } from '../errors';
import type { Operand } from './operands';
import { isUuid } from './uuid';

type Comparison = (operand: Operand, value: unknown, params: SqlParams) => string;

/**
 * Column operators of the REST `where` and the GraphQL filters. One table, so that both surfaces
 * accept the same operators with the same meaning.
 */
const COMPARISONS: Record<string, Comparison> = {
  eq: (o, v, p) => (v === null ? `${o.expression(p)} IS NULL` : compare(o, '=', v, p, 'eq')),
  ne: (o, v, p) => (v === null ? `${o.expression(p)} IS NOT NULL` : compare(o, '<>', v, p, 'ne')),
  in: (o, v, p) => anyOf(o, list(o, v, 'in'), p, 'in'),
  nin: (o, v, p) => `NOT ${anyOf(o, list(o, v, 'nin'), p, 'nin')}`,
  contains: (o, v, p) => (o.kind === 'json' && typeof v !== 'string'
    ? `${o.expression(p)} @> ${p.json(v)}`
    : `mesh_contains(${o.text(p)}, ${p.add(text(o, v, 'contains'))})`),
  containedBy: (o, v, p) => (o.kind === 'json' && !Array.isArray(v)
    ? `${o.expression(p)} <@ ${p.json(v)}`
    : anyOf(o, list(o, v, 'containedBy'), p, 'containedBy')),
  lt: ordered('<', 'lt'),
  lte: ordered('<=', 'lte'),
  gt: ordered('>', 'gt'),
  gte: ordered('>=', 'gte'),
  between: (o, v, p) => {
    if (!Array.isArray(v) || v.length !== 2) throw badRequest('BAD_WHERE', `${o.label}.between must be an array of two values [from, to]`);
    return `(${ordered('>=', 'between')(o, v[0], p)} AND ${ordered('<=', 'between')(o, v[1], p)})`;
  },
  like: (o, v, p) => `${o.text(p)} LIKE ${p.add(likePattern(o, v))}`,
  startsWith: (o, v, p) => `mesh_starts_with(${o.text(p)}, ${p.add(text(o, v, 'startsWith'))})`,
  endsWith: (o, v, p) => `mesh_ends_with(${o.text(p)}, ${p.add(text(o, v, 'endsWith'))})`,
};

export const COMPARISON_OPERATORS = Object.keys(COMPARISONS);

/**
 * The contract's `parent_id: {eq: "any"}` means "any owner", i.e. no condition; other operators
 * beside it still apply. One rule for REST and GraphQL.
 */
export function withoutAnyOwner(field: string, operators: Record<string, unknown>): Record<string, unknown> {
  if (field !== 'parent_id' || operators.eq !== 'any') return operators;
  const { eq: _any, ...rest } = operators;
  return rest;
}

export function compileComparison(operand: Operand, operator: string, value: unknown, params: SqlParams): string {
  const comparison = Object.prototype.hasOwnProperty.call(COMPARISONS, operator) ? COMPARISONS[operator] : undefined;
  if (!comparison) {
    throw badRequest('BAD_WHERE', `${operand.label}: unknown operator "${operator}"; use one of ${COMPARISON_OPERATORS.join(', ')}`);
  }
  return `(${comparison(operand, value, params)})`;
}

function ordered(sqlOperator: string, name: string): Comparison {
  return (o, v, p) => {
    if (o.kind === 'uuid') throw badRequest('BAD_WHERE', `${o.label}.${name}: ids cannot be ordered; use eq, ne, in or nin`);
    return compare(o, sqlOperator, v, p, name);
  };
}

/**
 * pg-mem orders jsonb wrongly (`"b" < "c"` is false there) and holds 0, "", false and null equal,
 * so JSON values are compared through jsonb_cmp, PostgreSQL's own jsonb ordering function.
 */
function compare(operand: Operand, sqlOperator: string, value: unknown, params: SqlParams, name: string): string {
  const bound = bindValue(operand, value, params, name);
  return operand.kind === 'json'
    ? `jsonb_cmp(${operand.expression(params)}, ${bound}) ${sqlOperator} 0`
    : `${operand.expression(params)} ${sqlOperator} ${bound}`;
}

/** One bound list looked up per row (mesh_in_list), so the cost is linear in rows plus values. */
function anyOf(operand: Operand, values: unknown[], params: SqlParams, name: string): string {
  if (values.length === 0) return '(FALSE)';
  const items = values.map((value) => listItem(operand, value, `${operand.label}.${name}`));
  const expression = operand.kind === 'uuid' ? `${operand.expression(params)}::text` : operand.expression(params);
  return `mesh_in_list(${expression}, ${params.json(items)})`;
}

/** A list value checked against the operand's type, in the form mesh_in_list compares. */
function listItem(operand: Operand, value: unknown, where: string): unknown {
  switch (operand.kind) {
    case 'json':
      return value;
    case 'uuid':
      if (!isUuid(value)) throw badRequest('BAD_WHERE', `${where} must hold UUIDs, got ${JSON.stringify(value)}`);
      return value.toLowerCase();
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest('BAD_WHERE', `${where} must hold integers, got ${JSON.stringify(value)}`);
      return value;
    case 'timestamp':
      return timestamp(value, where);
    case 'text':
      if (typeof value !== 'string') throw badRequest('BAD_WHERE', `${where} must hold strings, got ${JSON.stringify(value)}`);
      return value;
  }
}

function likePattern(operand: Operand, value: unknown): string {
  const pattern = text(operand, value, 'like');
  const problem = likePatternProblem(pattern);
  if (problem) throw badRequest('BAD_WHERE', `${operand.label}.like: ${problem}; write \\\\ for a literal backslash`);
  return pattern;
}

function list(operand: Operand, value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw badRequest('BAD_WHERE', `${operand.label}.${name} must be an array of values`);
  return value;
}

// The service's query would fail on a timestamp column ("operator does not exist: timestamp with
// time zone ~~ unknown"), a 500; a 400 that says what to use instead is stricter, never more lenient.
function text(operand: Operand, value: unknown, name: string): string {
  if (operand.kind === 'timestamp') {
    throw badRequest('BAD_WHERE', `${operand.label}.${name}: text operators do not apply to a timestamp; use eq, ne, in, nin, lt, lte, gt, gte or between with ISO dates`);
  }
  if (typeof value !== 'string') throw badRequest('BAD_WHERE', `${operand.label}.${name} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** Checks a value against the operand's type and binds it. */
function bindValue(operand: Operand, value: unknown, params: SqlParams, name: string): string {
  const where = `${operand.label}.${name}`;
  switch (operand.kind) {
    case 'json':
      return params.json(value);
    case 'uuid':
      if (!isUuid(value)) throw badRequest('BAD_WHERE', `${where} must be a UUID, got ${JSON.stringify(value)}`);
      return params.add(value.toLowerCase());
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest('BAD_WHERE', `${where} must be an integer, got ${JSON.stringify(value)}`);
      return params.add(value);
    case 'timestamp':
      return `${params.add(timestamp(value, where))}::timestamptz`;
    case 'text':
      if (typeof value !== 'string') throw badRequest('BAD_WHERE', `${where} must be a string, got ${JSON.stringify(value)}`);
      return params.add(value);
  }
}

function timestamp(value: unknown, where: string): string {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw badRequest('BAD_WHERE', `${where} must be an ISO date string, got ${JSON.stringify(value)}`);
  return date.toISOString();
}
