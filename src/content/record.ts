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

function readPath(source: unknown, path: string[]): unknown {
  let current = source;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function writePath(target: Json, path: string[], value: unknown): void {
  let current = target;
  path.slice(0, -1).forEach((key) => {
    const next = current[key];
    current = (current[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Json;
  });
  current[path[path.length - 1]!] = value;
}

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

/** PostgreSQL's jsonb cannot hold \u0000; the service fails on it, the emulator says where it is. */
export function rejectNulCharacters(value: unknown, path: string, code = 'INVALID_CONTENT'): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw badRequest(code, `${path} contains a NUL character (\\u0000), which PostgreSQL cannot store`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => rejectNulCharacters(item, `${path}[${index}]`, code));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      rejectNulCharacters(key, `${path} key`, code);
      rejectNulCharacters(item, `${path}.${key}`, code);
    }
  }
}
