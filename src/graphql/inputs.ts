import { randomUUID } from 'node:crypto';
import type { BlockChanges, NewBlock } from '../db/block-store';
import { BLOCK_COLUMNS, type BlockRow } from '../db/model';
import { tooDeep } from '../content/json-depth';
import { rejectNulCharacters } from '../content/record';
import { isUuid } from '../content/uuid';
import { badRequest } from '../errors';

/** NotionModelInput as the schema delivers it. */
export interface NotionModelInput {
  page_id?: string | null;
  parent_id?: string | null;
  type: string;
  content: unknown;
  indexer?: unknown;
  order?: number | null;
  version?: string | null;
}

export interface OrderByInput { field: string; direction: 'ASC' | 'DESC' }

type Json = Record<string, unknown>;

// Every scalar column; JSON columns have no useful order.
const ORDER_FIELDS: readonly string[] = BLOCK_COLUMNS.filter((column) => column !== 'content' && column !== 'indexer');
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
const VARCHAR_LIMIT = 255;

/** `"column" ASC|DESC` items; columns only from ORDER_FIELDS. */
export function orderByClauses(orderBy: readonly OrderByInput[] | null | undefined): string[] {
  return (orderBy ?? []).map(({ field, direction }, index) => {
    if (!ORDER_FIELDS.includes(field)) {
      throw badRequest('BAD_QUERY', `orderBy[${index}].field: unknown field ${JSON.stringify(field)}; use one of ${ORDER_FIELDS.join(', ')}`);
    }
    return `"${field}" ${direction === 'DESC' ? 'DESC' : 'ASC'}`;
  });
}

export function pageOf(limit: number | null | undefined, offset: number | null | undefined): { limit: number; offset: number } {
  if (limit !== null && limit !== undefined && (limit < 1 || limit > MAX_LIMIT)) {
    throw badRequest('BAD_QUERY', `limit must be from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  if (offset !== null && offset !== undefined && offset < 0) throw badRequest('BAD_QUERY', `offset must be 0 or more, got ${offset}`);
  return { limit: limit ?? DEFAULT_LIMIT, offset: offset ?? 0 };
}

/** A row to insert, as the service's createNotionModel stores it: indexer as sent, else empty. */
export function newBlockOf(input: NotionModelInput, label: string): NewBlock {
  rejectNulCharacters(input, label, 'BAD_INPUT');
  return {
    page_id: optionalUuid(input.page_id, `${label}.page_id`) ?? randomUUID(),
    parent_id: optionalUuid(input.parent_id, `${label}.parent_id`) ?? null,
    type: typeOf(input.type, label),
    content: contentOf(input.content, label),
    indexer: indexerOf(input.indexer, label) ?? {},
    order: input.order ?? null,
    version: versionOf(input.version, label) ?? null,
  };
}

/** updateNotionModel: content and indexer merged shallowly, other fields set when sent. */
export function mergeChanges(row: BlockRow, input: NotionModelInput): BlockChanges {
  rejectNulCharacters(input, 'input', 'BAD_INPUT');
  const indexer = indexerOf(input.indexer, 'input');
  return {
    ...columnChanges(input),
    content: { ...(row.content ?? {}), ...contentOf(input.content, 'input') },
    indexer: indexer ? { ...row.indexer, ...indexer } : undefined,
  };
}

/** replaceNotionModel: content replaced whole, indexer too when sent, other fields set when sent. */
export function replaceChanges(input: NotionModelInput): BlockChanges {
  rejectNulCharacters(input, 'input', 'BAD_INPUT');
  return { ...columnChanges(input), content: contentOf(input.content, 'input'), indexer: indexerOf(input.indexer, 'input') };
}

export function requireBlockId(blockId: string): string {
  if (!isUuid(blockId)) throw badRequest('BAD_INPUT', `block_id must be a UUID, got ${JSON.stringify(blockId)}`);
  return blockId.toLowerCase();
}

function columnChanges(input: NotionModelInput): BlockChanges {
  const parentId = optionalUuid(input.parent_id, 'input.parent_id');
  return {
    type: typeOf(input.type, 'input'),
    page_id: optionalUuid(input.page_id, 'input.page_id') ?? undefined,
    // An explicit null parent_id detaches the row; an absent one leaves it.
    parent_id: input.parent_id === null ? null : parentId,
    order: input.order ?? undefined,
    version: versionOf(input.version, 'input'),
  };
}

function optionalUuid(value: string | null | undefined, label: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isUuid(value)) throw badRequest('BAD_INPUT', `${label} must be a UUID, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

function typeOf(type: string, label: string): string {
  if (type.trim() === '') throw badRequest('BAD_INPUT', `${label}.type must be a non-empty content type name`);
  return withinColumn(type, `${label}.type`);
}

function versionOf(version: string | null | undefined, label: string): string | undefined {
  return version === null || version === undefined ? undefined : withinColumn(version, `${label}.version`);
}

// type and version are varchar(255): the service's insert fails with a 500 on a longer value.
function withinColumn(value: string, label: string): string {
  const length = [...value].length;
  if (length > VARCHAR_LIMIT) throw badRequest('BAD_INPUT', `${label} is ${length} characters long; the column holds at most ${VARCHAR_LIMIT} (varchar(${VARCHAR_LIMIT}))`);
  return value;
}

/** An object, or a JSON string holding one (the service stores it parsed). */
function contentOf(content: unknown, label: string): Json {
  const value = typeof content === 'string' ? parseJson(content, `${label}.content`) : content;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('BAD_INPUT', `${label}.content must be a JSON object (or a string holding one), got ${describe(value)}`);
  }
  return checkedJson(value, `${label}.content`);
}

function indexerOf(indexer: unknown, label: string): Json | undefined {
  if (indexer === null || indexer === undefined) return undefined;
  const value = typeof indexer === 'string' ? parseJson(indexer, `${label}.indexer`) : indexer;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('BAD_INPUT', `${label}.indexer must be a JSON object, got ${describe(value)}`);
  }
  return checkedJson(value, `${label}.indexer`);
}

// Variables are checked with the request body; a literal in the query text, or JSON inside a string, here.
function checkedJson(value: object, label: string): Json {
  const problem = tooDeep(value, label);
  if (problem) throw badRequest('BAD_INPUT', problem);
  rejectNulCharacters(value, label, 'BAD_INPUT');
  return value as Json;
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest('BAD_INPUT', `${label} is a string but not valid JSON (${(error as Error).message})`);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}
