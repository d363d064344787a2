// Caller mistakes are TypeErrors thrown before any request, naming the argument and what it takes.

export function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`MeshClient: \`${name}\` must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

/** An empty id would turn `/api/content/T/` into the list route, so it is refused here. */
export const requireId = (id: unknown): string => requireText('id', id);

export function requireIndex(name: 'limit' | 'offset', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`MeshClient: \`${name}\` must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null || Array.isArray(value)) return value === null ? 'null' : 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
