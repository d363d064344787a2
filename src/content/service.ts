import { randomUUID } from 'node:crypto';
import { BlockStore, condition, type BlockChanges, type Condition, type NewBlock } from '../db/block-store';
import type { MeshDatabase } from '../db/database';
import type { BlockRow } from '../db/model';
import { PLATFORM_DEFINITIONS } from '../definitions';
import { badRequest, MeshError, missingContent } from '../errors';
import type { ResolvedMeshServerOptions } from '../options';
import type { DefinitionObject, StoredDefinition } from './definition-types';
import { DEFINITION_TYPE, DefinitionRegistry } from './definitions';
import { validateAgainstSchema } from './json-schema';
import { missingDefinitionHint } from './missing-definition';
import { buildIndexer, rejectNulCharacters, resolveParentId, toItem } from './record';
import { isUuid } from './uuid';
import { compileWhere } from './where';

const TYPE_COLUMN_LENGTH = 255;

export type ContentItem = Record<string, unknown> & { _id: string };
export interface ContentPage { items: ContentItem[]; total: number; hasMore: boolean }
export interface ListQuery { where?: unknown; limit?: number; offset?: number; pageId?: string }

/**
 * The content rules of the contract, shared by REST and GraphQL: definitions decide parent_id and
 * indexer, writes to DynamicContent rows keep the definition cache honest.
 */
export class ContentService {
  readonly store: BlockStore;
  readonly definitions: DefinitionRegistry;

  private constructor(database: MeshDatabase, private readonly strict: boolean, now?: () => Date) {
    this.store = new BlockStore(database, now);
    this.definitions = new DefinitionRegistry(this.store, new Set(PLATFORM_DEFINITIONS.map((d) => d.dataModel.block)));
  }

  /**
   * Opens the service and seeds the configured definitions. The built-in ones are already there:
   * the database starts with them (builtInDefinitionRows, the seam's start rows).
   */
  static async create(database: MeshDatabase, options: Pick<ResolvedMeshServerOptions, 'strict' | 'definitions'> & { now?: () => Date }): Promise<ContentService> {
    const service = new ContentService(database, options.strict, options.now);
    for (const definition of options.definitions) await service.definitions.register(definition, null);
    return service;
  }

  clearCaches(): void {
    this.definitions.clear();
  }

  async getDefinition(type: string, tenant: string): Promise<StoredDefinition | null> {
    if (!this.definitions.isPlatformType(type) && !isUuid(tenant)) {
      const known = await this.definitions.find(type, tenant);
      if (known) return known;
      throw badRequest('INVALID_TENANT_ID', `Invalid tenant ID: ${JSON.stringify(tenant)}; ${type} is tenant-scoped, pass ?tenant=<tenant UUID>`);
    }
    return this.definitions.find(type, tenant);
  }

  registerDefinition(definition: unknown, tenant: string): Promise<StoredDefinition> {
    return this.definitions.register(definition, tenant);
  }

  async create(type: string, content: unknown, tenant: string): Promise<ContentItem> {
    const body = requireContent(content);
    const definition = await this.definitionForWrite(type, tenant);
    requireTypeFits(type);
    if (body._id !== undefined && !isUuid(body._id)) throw badRequest('INVALID_ID', `content._id must be a UUID, got ${JSON.stringify(body._id)}`);
    this.validate(body, definition);
    const row = await this.insertRow({
      page_id: (body._id as string | undefined)?.toLowerCase() ?? randomUUID(),
      parent_id: resolveParentId(body, definition.dataModel),
      type,
      content: body,
      indexer: buildIndexer(body, definition.dataModel.indexer),
    });
    return toItem(row);
  }

  async get(type: string, id: string): Promise<ContentItem | null> {
    const row = await this.findRow(type, id);
    return row ? toItem(row) : null;
  }

  async list(type: string, query: ListQuery): Promise<ContentPage> {
    const filter = condition((p) => {
      const parts = [`type = ${p.add(type)}`];
      if (query.pageId !== undefined) parts.push(isUuid(query.pageId) ? `page_id = ${p.add(query.pageId.toLowerCase())}` : 'FALSE');
      if (query.where !== undefined) parts.push(compileWhere(query.where, p));
      return parts.join(' AND ');
    });
    const offset = query.offset ?? 0;
    const { rows, total } = await this.store.page(filter, query.limit ?? 25, offset);
    return { items: rows.map(toItem), total, hasMore: offset + rows.length < total };
  }

  /** Shallow merge of content and of indexer (PATCH). */
  async patch(type: string, id: string, partial: unknown, tenant: string): Promise<ContentItem | null> {
    const changes = withoutId(requireContent(partial));
    const row = await this.findRow(type, id);
    if (!row) return null;
    const content = { ...(row.content ?? {}), ...changes };
    const definition = await this.definitions.find(type, tenant);
    if (definition) this.validate(content, definition);
    return itemOrNull(await this.updateRow(row, {
      content,
      indexer: { ...row.indexer, ...buildIndexer(changes, definition?.dataModel.indexer) },
      parent_id: definition && parentFieldIn(changes, definition) ? resolveParentId(content, definition.dataModel, 'update') : undefined,
    }));
  }

  /** Full replacement (PUT): fields not sent are gone, indexer rebuilt. */
  async replace(type: string, id: string, replacement: unknown, tenant: string): Promise<ContentItem | null> {
    const content = withoutId(requireContent(replacement));
    const row = await this.findRow(type, id);
    if (!row) return null;
    const definition = await this.definitions.find(type, tenant);
    if (definition) this.validate(content, definition);
    return itemOrNull(await this.updateRow(row, {
      content,
      indexer: buildIndexer(content, definition?.dataModel.indexer),
      parent_id: definition ? resolveParentId(content, definition.dataModel, 'update') : undefined,
    }));
  }

  async delete(type: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const deleted = await this.store.delete(condition((p) => `page_id = ${p.add(id.toLowerCase())} AND type = ${p.add(type)}`));
    if (deleted > 0 && type === DEFINITION_TYPE) this.clearCaches();
    return deleted > 0;
  }

  // Row-level access for GraphQL, which addresses rows by block_id and filters across types.
  async insertRow(block: NewBlock): Promise<BlockRow> {
    const row = await this.store.insert(block);
    if (block.type === DEFINITION_TYPE) this.clearCaches();
    return row;
  }

  /** Null when the row was deleted (or the database reset) after it was read: the caller answers "not found". */
  async updateRow(row: BlockRow, changes: BlockChanges): Promise<BlockRow | null> {
    const updated = await this.store.update(row, changes);
    if (row.type === DEFINITION_TYPE || updated?.type === DEFINITION_TYPE) this.clearCaches();
    return updated;
  }

  async deleteRows(where: Condition): Promise<number> {
    const deleted = await this.store.delete(where);
    if (deleted > 0) this.clearCaches();
    return deleted;
  }

  private findRow(type: string, id: string): Promise<BlockRow | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.store.findFirst(condition((p) => `page_id = ${p.add(id.toLowerCase())} AND type = ${p.add(type)}`));
  }

  private async definitionForWrite(type: string, tenant: string): Promise<DefinitionObject> {
    const definition = await this.definitions.find(type, tenant);
    if (definition) return definition;
    const hint = await missingDefinitionHint(this.store, type, tenant);
    throw new MeshError(500, 'CONTENT_CREATE_ERR', `Internal error: Content definition for type "${type}" not found.`, { type, tenant, hint });
  }

  private validate(content: Record<string, unknown>, definition: DefinitionObject): void {
    if (!this.strict) return;
    const violations = validateAgainstSchema(content, definition.dataModel.jsonSchema);
    if (violations.length > 0) {
      throw badRequest('SCHEMA_VALIDATION', `content does not match the ${definition.dataModel.block} schema: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`, violations);
    }
  }
}

function requireContent(content: unknown): Record<string, unknown> {
  if (content === undefined || content === null) throw missingContent();
  if (typeof content !== 'object' || Array.isArray(content)) throw badRequest('INVALID_CONTENT', 'content must be a JSON object');
  rejectNulCharacters(content, 'content');
  return content as Record<string, unknown>;
}

const itemOrNull = (row: BlockRow | null): ContentItem | null => (row ? toItem(row) : null);

// The type column is varchar(255): the service's insert fails with a 500 on a longer name.
function requireTypeFits(type: string): void {
  const length = [...type].length;
  if (length > TYPE_COLUMN_LENGTH) {
    throw badRequest('TYPE_TOO_LONG', `type is ${length} characters long; the type column holds at most ${TYPE_COLUMN_LENGTH} (varchar(${TYPE_COLUMN_LENGTH}))`);
  }
}

function withoutId(content: Record<string, unknown>): Record<string, unknown> {
  const { _id: _ignored, ...rest } = content;
  return rest;
}

function parentFieldIn(changes: Record<string, unknown>, definition: DefinitionObject): boolean {
  const parent = definition.dataModel.parent;
  return parent?.type === 'field' && Object.hasOwn(changes, parent.field.split('.')[0]!);
}
