/**
 * PostgreSQL's jsonb ordering (its `jsonb_cmp`), which pg-mem gets wrong: it finds `"b" < "c"`
 * false, and its `=` holds `0`, `""`, `false` and `null` equal. The order, from the PostgreSQL
 * manual: Object > Array > Boolean > Number > String > Null; objects and arrays with more members
 * are greater, equal sizes compare member by member (object keys in storage order: shorter first,
 * then by bytes). Strings compare by bytes, which is the C collation.
 */
const RANK = { null: 0, string: 1, number: 2, boolean: 3, array: 4, object: 5 } as const;

type Rank = keyof typeof RANK;

// pg-mem stands a Symbol in for a JSON null inside a jsonb value.
const isNull = (value: unknown): boolean => value === null || value === undefined || typeof value === 'symbol';

function rankOf(value: unknown): Rank {
  if (isNull(value)) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : (typeof value as Rank);
}

export function jsonbCompare(a: unknown, b: unknown): number {
  const rankA = rankOf(a);
  const rankB = rankOf(b);
  if (rankA !== rankB) return Math.sign(RANK[rankA] - RANK[rankB]);
  switch (rankA) {
    case 'null':
      return 0;
    case 'string':
      return Math.sign(Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)));
    case 'number':
    case 'boolean':
      return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
    case 'array':
      return compareLists(a as unknown[], b as unknown[]);
    case 'object':
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
  }
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const keysA = storageOrder(Object.keys(a));
  const keysB = storageOrder(Object.keys(b));
  if (keysA.length !== keysB.length) return keysA.length < keysB.length ? -1 : 1;
  for (let index = 0; index < keysA.length; index += 1) {
    const byKey = jsonbCompare(keysA[index], keysB[index]);
    if (byKey !== 0) return byKey;
    const byValue = jsonbCompare(a[keysA[index]!], b[keysB[index]!]);
    if (byValue !== 0) return byValue;
  }
  return 0;
}

function compareLists(a: unknown[], b: unknown[]): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let index = 0; index < a.length; index += 1) {
    const result = jsonbCompare(a[index], b[index]);
    if (result !== 0) return result;
  }
  return 0;
}

/** jsonb's key order: by byte length, then by bytes. */
export function storageOrder(keys: string[]): string[] {
  return keys.sort((x, y) => Buffer.byteLength(x) - Buffer.byteLength(y) || Buffer.compare(Buffer.from(x), Buffer.from(y)));
}

/** A text that is equal for two jsonb values exactly when jsonbCompare finds them equal. */
export function jsonbKey(value: unknown): string {
  if (isNull(value)) return 'null';
  if (Array.isArray(value)) return `[${value.map(jsonbKey).join(',')}]`;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${storageOrder(Object.keys(object)).map((key) => `${JSON.stringify(key)}:${jsonbKey(object[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
