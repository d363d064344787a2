/**
 * How deeply JSON may nest in a request: 1,000 levels of objects and arrays. Deeper values overflow
 * the stack in pg-mem (its jsonb parser and copies recurse: about 2,700 levels), in JSON.stringify
 * (about 5,000) and in GraphQL's input coercion, which answered 500. PostgreSQL itself has no fixed
 * jsonb depth, only its stack limit (max_stack_depth, "stack depth limit exceeded", a 500 on the
 * service), so this is a documented emulator limit, well above the depth of real content.
 */
export const MAX_JSON_DEPTH = 1000;

/** The nesting depth of a JSON value (a scalar is 0, `{}` and `[]` are 1), counted without recursion. */
export function jsonDepth(value: unknown, stopAbove = Infinity): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > stopAbove) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') pending.push([child, inner]);
    }
  }
  return deepest;
}

/** The message for a value over the limit, or null. */
export function tooDeep(value: unknown, label: string): string | null {
  return jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH
    ? `${label} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep, beyond the emulator's limit (docs/errors.md, "JSON depth"); flatten it`
    : null;
}
