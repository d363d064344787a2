import { randomUUID } from 'node:crypto';
import { DataType, type IMemoryDb } from 'pg-mem';

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
    const keys = Object.keys(json).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${postgresJsonbText((json as Record<string, unknown>)[key])}`).join(', ')}}`;
  }
  return JSON.stringify(json);
}

/** PostgreSQL's `?`: an object has the key, or an array holds the string, or a string equals it. */
function hasKey(json: unknown, key: unknown): boolean {
  if (Array.isArray(json)) return json.some((item) => item === key);
  if (json !== null && typeof json === 'object') return Object.prototype.hasOwnProperty.call(json, String(key));
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
