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
  eq: (o, v, p) => (v === null ? `${o.expression(p)} IS NULL` : `${o.expression(p)} = ${bindValue(o, v, p, 'eq')}`),
  ne: (o, v, p) => (v === null ? `${o.expression(p)} IS NOT NULL` : `${o.expression(p)} <> ${bindValue(o, v, p, 'ne')}`),
  in: (o, v, p) => anyOf(o, list(o, v, 'in'), p),
  nin: (o, v, p) => `NOT ${anyOf(o, list(o, v, 'nin'), p)}`,
  contains: (o, v, p) => (o.kind === 'json' && typeof v !== 'string'
    ? `${o.expression(p)} @> ${p.json(v)}`
    : `mesh_contains(${o.text(p)}, ${p.add(text(o, v, 'contains'))})`),
  containedBy: (o, v, p) => (o.kind === 'json' && !Array.isArray(v)
    ? `${o.expression(p)} <@ ${p.json(v)}`
    : anyOf(o, list(o, v, 'containedBy'), p)),
  lt: ordered('<', 'lt'),
  lte: ordered('<=', 'lte'),
  gt: ordered('>', 'gt'),
  gte: ordered('>=', 'gte'),
  between: (o, v, p) => {
    if (!Array.isArray(v) || v.length !== 2) throw badRequest('BAD_WHERE', `${o.label}.between must be an array of two values [from, to]`);
    return `(${ordered('>=', 'between')(o, v[0], p)} AND ${ordered('<=', 'between')(o, v[1], p)})`;
  },
  like: (o, v, p) => `${o.text(p)} LIKE ${p.add(text(o, v, 'like'))}`,
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
    return `${o.expression(p)} ${sqlOperator} ${bindValue(o, v, p, name)}`;
  };
}

function anyOf(operand: Operand, values: unknown[], params: SqlParams): string {
  if (values.length === 0) return '(FALSE)';
  return `(${values.map((value) => `${operand.expression(params)} = ${bindValue(operand, value, params, 'in')}`).join(' OR ')})`;
}

function list(operand: Operand, value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw badRequest('BAD_WHERE', `${operand.label}.${name} must be an array of values`);
  return value;
}

function text(operand: Operand, value: unknown, name: string): string {
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
