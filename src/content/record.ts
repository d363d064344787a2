import { badRequest, MeshError } from '../errors';
import type { DataModel } from './definition-types';
import { isUuid } from './uuid';

type Json = Record<string, unknown>;

/** The indexer of a record: the definition's indexer fields copied from the content, dotted paths nested. */
export function buildIndexer(content: Json, fields: readonly string[] = []): Json {
  const indexer: Json = {};
  for (const field of fields) {
    const path = field.split('.');
    const value = readPath(content, path);
    if (value !== undefined) writePath(indexer, path, value);
  }
  return indexer;
}

// Own properties only: `__proto__`, `constructor` and the like are data keys here, never a way into
// a prototype (an indexer field "__proto__.exp" once set Object.prototype.exp for the whole process).
function readPath(source: unknown, path: string[]): unknown {
  let current = source;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function writePath(target: Json, path: string[], value: unknown): void {
  let current = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(current, key) ? current[key] : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next)) defineData(current, key, {});
    current = current[key] as Json;
  }
  defineData(current, path[path.length - 1]!, value);
}

const defineData = (target: Json, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

/**
 * parent_id from the definition's parent rule. On create, the service's UUID column rejects a
 * non-UUID parent with the contract's 500 CONTENT_CREATE_ERR, which clients match on, so the
 * emulator answers the same and names the field; on update it is a plain 400 INVALID_PARENT_ID.
 */
export function resolveParentId(content: Json, dataModel: DataModel, write: 'create' | 'update' = 'create'): string | null {
  const rule = dataModel.parent;
  if (!rule || rule.type === 'none') return null;
  const [value, where] = rule.type === 'id' ? [rule.id, 'dataModel.parent.id'] : [readPath(content, rule.field.split('.')), `content.${rule.field}`];
  if (value === undefined || value === null) return null;
  if (!isUuid(value)) {
    const problem = `${where} must be a UUID (it is the parent of a ${dataModel.block} record), got ${JSON.stringify(value)}`;
    throw write === 'create' ? new MeshError(500, 'CONTENT_CREATE_ERR', `Internal error: ${problem}`) : badRequest('INVALID_PARENT_ID', problem);
  }
  return value.toLowerCase();
}

/** What REST returns for a row: the stored content with `_id` = page_id. */
export function toItem(row: { page_id: string; content: Json | null }): Json & { _id: string } {
  return { ...(row.content ?? {}), _id: row.page_id };
}

/**
 * PostgreSQL's text and jsonb cannot hold \u0000; the service fails on it, the emulator says where
 * it is. Iterative, so that nesting depth costs no stack.
 */
export function rejectNulCharacters(value: unknown, path: string, code = 'INVALID_CONTENT'): void {
  const pending: Array<[unknown, string]> = [[value, path]];
  while (pending.length > 0) {
    const [item, where] = pending.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) throw badRequest(code, `${where} contains a NUL character (\\u0000), which PostgreSQL cannot store`);
    } else if (Array.isArray(item)) {
      item.forEach((child, index) => pending.push([child, `${where}[${index}]`]));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\u0000')) throw badRequest(code, `${where} has a key with a NUL character (\\u0000), which PostgreSQL cannot store`);
        pending.push([child, `${where}.${key}`]);
      }
    }
  }
}
