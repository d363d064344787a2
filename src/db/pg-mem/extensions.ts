import { randomUUID } from 'node:crypto';
import type { DataType as PgMemType, IMemoryDb } from 'pg-mem';
import { pgMem } from './load';
import { restoredName, storedKey } from './json-keys';
import { jsonbCompare, jsonbKey, storageOrder } from './jsonb-order';
import { like } from '../like';

const { DataType } = pgMem;

/**
 * PostgreSQL operators and functions the Mesh filters need that pg-mem lacks. Registered on each
 * database so that the filter SQL reads as it would against PostgreSQL.
 * `?|` / `?&` take a JSON array of keys (pg-mem has no text[] operator argument type), so the
 * filter compiler binds `$n::jsonb` for them.
 */
export function installPostgresExtensions(db: IMemoryDb): void {
  const schema = db.public;
  schema.registerFunction({ name: 'gen_random_uuid', returns: DataType.uuid, implementation: randomUUID, impure: true });
  schema.registerOperator({ operator: '?', left: DataType.jsonb, right: DataType.text, returns: DataType.bool, implementation: hasKey });
  schema.registerOperator({
    operator: '?|', left: DataType.jsonb, right: DataType.jsonb, returns: DataType.bool,
    implementation: (json: unknown, keys: unknown[]) => keys.some((key) => hasKey(json, key)),
  });
  schema.registerOperator({
    operator: '?&', left: DataType.jsonb, right: DataType.jsonb, returns: DataType.bool,
    implementation: (json: unknown, keys: unknown[]) => keys.every((key) => hasKey(json, key)),
  });
  schema.registerOperator({
    operator: '<@', left: DataType.jsonb, right: DataType.jsonb, returns: DataType.bool,
    implementation: (inner: unknown, outer: unknown) => jsonContains(outer, inner),
  });
  schema.registerFunction({ name: 'mesh_jsonb_text', args: [DataType.jsonb], returns: DataType.text, implementation: postgresJsonbText });
  schema.registerFunction({ name: 'jsonb_typeof', args: [DataType.jsonb], returns: DataType.text, implementation: jsonTypeOf });
  registerTextTest(db, 'mesh_contains', (text, part) => text.includes(part));
  registerTextTest(db, 'mesh_starts_with', (text, part) => text.startsWith(part));
  registerTextTest(db, 'mesh_ends_with', (text, part) => text.endsWith(part));
  schema.registerFunction({
    name: 'mesh_icontains', args: [DataType.text, DataType.text], returns: DataType.bool,
    // Case-insensitive substring without LIKE, so % and _ in the needle are plain characters.
    implementation: (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase()),
  });
  schema.registerFunction({ name: 'jsonb_cmp', args: [DataType.jsonb, DataType.jsonb], returns: DataType.integer, implementation: jsonbCompare });
  schema.registerFunction({ name: 'mesh_like', args: [DataType.text, DataType.text], returns: DataType.bool, implementation: like });
  registerInList(db);
  registerHasSome(db);
}

/**
 * `mesh_has_some(json, $n::jsonb)`: `json @> [v]` for some v of the bound array, which an OR of @>
 * tests answered in time quadratic in the list. Only an array contains `[v]`; scalar values are
 * looked up in a Set built once per query (pg-mem folds the constant), others tested one by one.
 */
function registerHasSome(db: IMemoryDb): void {
  const lists = new WeakMap<object, { scalars: Set<unknown>; others: unknown[] }>();
  const isScalar = (value: unknown) => value === null || typeof value !== 'object';
  db.public.registerFunction({
    name: 'mesh_has_some', args: [DataType.jsonb, DataType.jsonb], returns: DataType.bool,
    implementation: (json: unknown, values: unknown[]) => {
      if (!Array.isArray(json)) return false;
      let split = lists.get(values);
      if (!split) lists.set(values, (split = { scalars: new Set(values.filter(isScalar)), others: values.filter((value) => !isScalar(value)) }));
      const { scalars, others } = split;
      return json.some((item) => isScalar(item) && scalars.has(item)) || others.some((value) => jsonContains(json, [value]));
    },
  });
}

/**
 * `mesh_in_list(value, $n::jsonb)`: the value is one of the JSON array's items. pg-mem evaluates a
 * chain of `x = $1 OR x = $2 ...` in time quadratic in its length (seconds at a thousand values,
 * a stack overflow at a few thousand), and parses each list length as a new statement; one bound
 * array is parsed once per statement and looked up in a Set. pg-mem folds the constant, so the
 * Set is built once per query.
 */
function registerInList(db: IMemoryDb): void {
  const sets = new WeakMap<object, Set<unknown>>();
  const lookup = (list: unknown[], key: (item: unknown) => unknown) => {
    let set = sets.get(list);
    if (!set) sets.set(list, (set = new Set(list.map(key))));
    return set;
  };
  const register = (type: PgMemType, key: (item: unknown) => unknown) => db.public.registerFunction({
    name: 'mesh_in_list', args: [type, DataType.jsonb], returns: DataType.bool,
    implementation: (value: unknown, list: unknown[]) => lookup(list, key).has(key(value)),
  });
  register(DataType.text, (item) => item);
  register(DataType.integer, (item) => item);
  register(DataType.timestamptz, (item) => new Date(item as string | Date).getTime());
  register(DataType.jsonb, jsonbKey);
}

// LIKE would read % and _ in user values as wildcards; these compare plain text.
function registerTextTest(db: IMemoryDb, name: string, test: (text: string, part: string) => boolean): void {
  db.public.registerFunction({ name, args: [DataType.text, DataType.text], returns: DataType.bool, implementation: test });
}

/**
 * jsonb as PostgreSQL prints it (`{"a": 1, "bb": [1, 2]}`: keys by length then bytes, spaced
 * separators). pg-mem prints compact JSON, so a text filter on a JSON column would match
 * differently than on the service without this.
 */
export function postgresJsonbText(json: unknown): string {
  if (Array.isArray(json)) return `[${json.map(postgresJsonbText).join(', ')}]`;
  if (json !== null && typeof json === 'object') {
    const object = json as Record<string, unknown>;
    const names = new Map(Object.keys(object).map((key) => [restoredName(key), key]));
    return `{${storageOrder([...names.keys()]).map((name) => `${JSON.stringify(name)}: ${postgresJsonbText(object[names.get(name)!])}`).join(', ')}}`;
  }
  // pg-mem stands a Symbol in for a JSON null inside a jsonb value.
  return typeof json === 'symbol' ? 'null' : JSON.stringify(json);
}

/** PostgreSQL's `?`: an object has the key, or an array holds the string, or a string equals it. */
function hasKey(json: unknown, key: unknown): boolean {
  if (Array.isArray(json)) return json.some((item) => item === key);
  if (json !== null && typeof json === 'object') return Object.prototype.hasOwnProperty.call(json, storedKey(String(key)));
  return typeof json === 'string' && json === key;
}

function jsonTypeOf(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'array';
  return typeof json === 'object' ? 'object' : typeof json;
}

/** PostgreSQL's jsonb `@>` rules: objects by subset, arrays by every element found, scalars by equality. */
export function jsonContains(outer: unknown, inner: unknown): boolean {
  if (Array.isArray(outer)) {
    const needles = Array.isArray(inner) ? inner : [inner];
    return needles.every((needle) => outer.some((item) => jsonContains(item, needle)));
  }
  if (outer !== null && typeof outer === 'object') {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return false;
    return Object.entries(inner).every(([key, value]) =>
      Object.prototype.hasOwnProperty.call(outer, key) && jsonContains((outer as Record<string, unknown>)[key], value));
  }
  return outer === inner;
}
