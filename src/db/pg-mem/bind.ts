import { parse, type Expr, type Statement } from 'pgsql-ast-parser';
import type { SqlValue } from '../database';
import { mayHoldAliasedKey, storedJsonText, storedKey } from './json-keys';
import { rewriteForPgMem } from './rewrite';

/**
 * Parameter binding for pg-mem, done on the syntax tree. pg-mem executes SQL text or a parsed
 * statement; its own adapters splice bound values into the text (and mangle backslashes), and its
 * prepared statements fail on most comparisons. So each SQL template is parsed once, with every
 * $n turned into a marker string first (the parser does not take $n after `->>`), and every
 * execution gets a copy of the tree in which the markers are replaced by the values as literal
 * nodes. Values never become SQL text, and the parse (most of pg-mem's cost per statement) is
 * paid once per template instead of once per call.
 */
const MARKER = '\u0001';
const CACHE_SIZE = 1000;
const templates = new Map<string, Statement[]>();

export function bindStatements(sql: string, values: readonly SqlValue[]): Statement[] {
  return parsedTemplate(sql).map((statement) => substitute(statement, values) as Statement);
}

/** A template with pg-mem's own `$n` parameter nodes, and which of them are `$n::jsonb`. */
export interface ParameterisedTemplate {
  readonly statements: Statement[];
  /** Indexes (0-based) of values bound as `$n::jsonb`: JSON text, whose keys get stored as bind.ts stores them. */
  readonly jsonValues: ReadonlySet<number>;
}

/**
 * The template for a statement compiled once and run with new values (see database.ts); null
 * when a placeholder must be spliced into the tree (a JSON key after -> or ->>, which names no
 * value) or one value is used both as JSON and as another type.
 */
export function parameterisedTemplate(sql: string): ParameterisedTemplate | null {
  let template = parameterised.get(sql);
  if (template === undefined) {
    const jsonValues = new Set<number>();
    const plainValues = new Set<number>();
    const statements = parsedTemplate(sql).map((statement) => withParameterNodes(statement, jsonValues, plainValues)) as Statement[];
    const usable = !statements.includes(null as unknown as Statement) && ![...jsonValues].some((index) => plainValues.has(index));
    template = usable ? { statements, jsonValues } : null;
    if (parameterised.size >= CACHE_SIZE) parameterised.delete(parameterised.keys().next().value!);
    parameterised.set(sql, template);
  }
  return template;
}

/**
 * Values as the literal path binds them (`literal`, `storedJson`), for pg-mem's `$n` parameters.
 * A date stays a Date: pg-mem's cast to timestamp copies one, while ISO text goes through
 * moment's format detection (a third of an insert's execution time).
 */
export function parameterValues(template: ParameterisedTemplate, values: readonly SqlValue[]): SqlValue[] {
  return values.map((value, index) => {
    if (value === undefined) return null;
    refuseUnbindable(value);
    return typeof value === 'string' && template.jsonValues.has(index) ? storedJson(value) : value;
  });
}

const parameterised = new Map<string, ParameterisedTemplate | null>();

function withParameterNodes(node: unknown, jsonValues: Set<number>, plainValues: Set<number>): unknown {
  if (Array.isArray(node)) {
    const items = node.map((item) => withParameterNodes(item, jsonValues, plainValues));
    return items.includes(null) ? null : items;
  }
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (record.type === 'member' && isMarker(record.member)) return null;
  if (isJsonbCast(record)) {
    const marker = (record.operand as { value: string }).value;
    jsonValues.add(Number(marker.slice(1)) - 1);
    return { ...record, operand: { type: 'parameter', name: `$${marker.slice(1)}` } };
  }
  if (record.type === 'string' && isMarker(record.value)) {
    plainValues.add(Number(record.value.slice(1)) - 1);
    return { type: 'parameter', name: `$${record.value.slice(1)}` };
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = withParameterNodes(record[key], jsonValues, plainValues);
    if (value === null && record[key] !== null) return null;
    copy[key] = value;
  }
  return copy;
}

function parsedTemplate(sql: string): Statement[] {
  let statements = templates.get(sql);
  if (!statements) {
    statements = rewriteForPgMem(parse(markPlaceholders(sql)));
    if (templates.size >= CACHE_SIZE) templates.delete(templates.keys().next().value!);
    templates.set(sql, statements);
  }
  return statements;
}

// Templates are written by this package and hold no string literals of their own, so a $n is
// always a placeholder; a quote in a template would be a bug, and is refused.
function markPlaceholders(sql: string): string {
  if (sql.includes("'") || sql.includes(MARKER)) throw new SyntaxError('SQL templates take values as $n placeholders, not literals');
  return sql.replace(/\$(\d+)/g, `'${MARKER}$1'`);
}

function substitute(node: unknown, values: readonly SqlValue[]): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, values));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (record.type === 'string' && isMarker(record.value)) return literal(valueAt(values, record.value));
  if (isJsonbCast(record)) return { ...record, operand: literal(storedJson(valueAt(values, (record.operand as { value: string }).value))) };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = substitute(record[key], values);
  // A JSON key after -> or ->> is a bare string in the tree, not an expression.
  if (record.type === 'member' && isMarker(record.member)) copy.member = memberKey(valueAt(values, record.member));
  return copy;
}

const isMarker = (value: unknown): value is string => typeof value === 'string' && value.charCodeAt(0) === 1;

/** `$n::jsonb`: JSON text, whose prototype-named keys pg-mem stores under an alias (json-keys.ts). */
function isJsonbCast(record: Record<string, unknown>): boolean {
  const operand = record.operand as Record<string, unknown> | undefined;
  return record.type === 'cast' && (record.to as { name?: string } | undefined)?.name === 'jsonb' && operand?.type === 'string' && isMarker(operand.value);
}

function storedJson(value: SqlValue): SqlValue {
  return typeof value === 'string' && mayHoldAliasedKey(value) ? storedJsonText(JSON.parse(value)) : value;
}

function valueAt(values: readonly SqlValue[], marker: string): SqlValue {
  const index = Number(marker.slice(1)) - 1;
  if (index >= values.length) throw new RangeError(`No value bound for parameter $${index + 1}`);
  return values[index];
}

function memberKey(value: SqlValue): string {
  if (typeof value !== 'string') throw new TypeError('A JSON key placeholder must be bound to a string');
  return storedKey(value);
}

function literal(value: SqlValue): Expr {
  if (value === null || value === undefined) return { type: 'null' };
  refuseUnbindable(value);
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { type: 'integer', value } : { type: 'numeric', value };
  return { type: 'string', value: value instanceof Date ? value.toISOString() : value };
}

/** Values neither path may bind. PostgreSQL text cannot hold NUL; requests are checked earlier, this guards the invariant. */
function refuseUnbindable(value: SqlValue): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Cannot bind the non-finite number ${value}`);
  if (typeof value === 'string' && value.includes('\u0000')) throw new TypeError('Strings bound as SQL parameters cannot contain NUL characters');
}
