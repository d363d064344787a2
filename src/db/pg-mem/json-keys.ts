import { storageOrder } from './jsonb-order';

/**
 * pg-mem copies and reads JSON with plain property access (`copy[key] = value`, `value[key]`), so a
 * key named after an Object.prototype member misbehaves inside it: `__proto__` is dropped (it sets
 * the copy's prototype instead), and `->'constructor'` finds the inherited function on every row.
 * PostgreSQL stores such keys as any other. So in pg-mem they are stored under an alias, the name
 * behind a NUL character: no client key can hold NUL (every write path refuses it, as PostgreSQL
 * does), so an alias never meets a real key. Values are aliased on the way in (bound JSON, JSON
 * keys after -> / ->>) and restored on the way out (row columns), so nothing outside src/db sees it.
 */
const ALIASED = new Set(Object.getOwnPropertyNames(Object.prototype));
const ALIAS_MARK = '\u0000';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The key as stored in pg-mem. */
export const storedKey = (key: string): string => (ALIASED.has(key) ? ALIAS_MARK + key : key);

/** The client's name of a key read from pg-mem. */
export const restoredName = (key: string): string => (key.startsWith(ALIAS_MARK) && ALIASED.has(key.slice(1)) ? key.slice(1) : key);

/** Whether JSON text may name a key that is stored under an alias: a cheap test before a parse. */
export const mayHoldAliasedKey = (text: string): boolean => [...ALIASED].some((key) => text.includes(`"${key}"`));

/** JSON text of a value with aliased keys, for a `$n::jsonb` parameter. */
export function storedJsonText(value: unknown): string {
  return JSON.stringify(value, function alias(this: unknown, _key: string, item: unknown) {
    if (!isObject(item) || !Object.keys(item).some((key) => ALIASED.has(key))) return item;
    const copy: JsonObject = {};
    for (const key of Object.keys(item)) copy[storedKey(key)] = item[key];
    return copy;
  });
}

/**
 * A value read from pg-mem as PostgreSQL returns jsonb: aliased keys restored, and object keys in
 * jsonb's storage order (shorter first, then by bytes) rather than as written, which is what the
 * service's clients receive. A copy: pg-mem may hand out its stored objects.
 */
export function asPostgresJsonb(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asPostgresJsonb);
  if (!isObject(value)) return value;
  const byName = new Map(Object.keys(value).map((key) => [restoredName(key), key]));
  const copy: JsonObject = {};
  for (const name of storageOrder([...byName.keys()])) {
    Object.defineProperty(copy, name, { value: asPostgresJsonb(value[byName.get(name)!]), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
