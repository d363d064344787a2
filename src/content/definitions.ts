import { randomUUID } from 'node:crypto';
import { BlockStore, condition, type NewBlock } from '../db/block-store';
import type { BlockRow } from '../db/model';
import { badRequest } from '../errors';
import { checkDefinition } from './definition-check';
import type { DefinitionObject, StoredDefinition } from './definition-types';
import { isUuid } from './uuid';

export const DEFINITION_TYPE = 'DynamicContent';

/**
 * Definitions are DynamicContent rows: parent_id NULL for platform types, the tenant's UUID otherwise.
 * Lookups are cached per (tenant, type) because every write needs one; any write to a
 * DynamicContent row, and every reset, clears the cache.
 */
export class DefinitionRegistry {
  private readonly cache = new Map<string, StoredDefinition | null>();

  constructor(private readonly store: BlockStore, private readonly platformTypes: ReadonlySet<string>) {}

  /** Forgets every lookup, or only those of one type (a registration changes no other type). */
  clear(type?: string): void {
    if (type === undefined) {
      this.cache.clear();
      return;
    }
    for (const key of this.cache.keys()) if (key.endsWith(`\u0000${type}`)) this.cache.delete(key);
  }

  isPlatformType(type: string): boolean {
    return this.platformTypes.has(type);
  }

  /** The tenant's own definition of `type`, else the platform one; null when neither exists. */
  async find(type: string, tenant: string): Promise<StoredDefinition | null> {
    const key = `${tenant}\u0000${type}`;
    if (!this.cache.has(key)) this.cache.set(key, await this.lookup(type, tenant));
    return this.cache.get(key) ?? null;
  }

  private async lookup(type: string, tenant: string): Promise<StoredDefinition | null> {
    const own = isUuid(tenant) ? await this.row(type, tenant.toLowerCase()) : null;
    const row = own ?? (await this.row(type, null));
    return row ? toStoredDefinition(row) : null;
  }

  private row(type: string, tenant: string | null): Promise<BlockRow | null> {
    return this.store.findFirst(condition((p) => `type = ${p.add(DEFINITION_TYPE)} AND "indexer" @> ${p.json({ dynamicBlockType: type })} AND `
      + (tenant === null ? 'parent_id IS NULL' : `parent_id = ${p.add(tenant)}`)));
  }

  /**
   * Registers or replaces a definition. Its tenant is `definition.tenantId`, else the request's tenant;
   * platform types (and definitions registered with no tenant at startup) are stored with no tenant.
   */
  async register(input: unknown, requestTenant: string | null): Promise<StoredDefinition> {
    const problem = checkDefinition(input);
    if (problem) throw badRequest(problem.code, problem.message);
    const definition = structuredClone(input) as DefinitionObject;
    const tenant = this.tenantOf(definition, requestTenant);
    const type = definition.dataModel.block;
    const existing = await this.row(type, tenant);
    this.clear(type);
    if (existing) {
      if (JSON.stringify(existing.content) === JSON.stringify(definition)) return toStoredDefinition(existing);
      const updated = await this.store.update(existing, { content: definition });
      if (updated) return toStoredDefinition(updated);
      // Gone since it was read (a reset or a delete ran in between): register it afresh.
    }
    return toStoredDefinition(await this.store.insert(definitionBlock(definition, tenant)));
  }

  private tenantOf(definition: DefinitionObject, requestTenant: string | null): string | null {
    const tenant = definition.tenantId ?? requestTenant;
    if (tenant === undefined || tenant === null || tenant === 'any') {
      if (this.platformTypes.has(definition.dataModel.block) || requestTenant === null) return null;
      throw badRequest('MISSING_TENANT_ID', `Non-platform types must provide a tenantId: set definition.tenantId or ?tenant= to the tenant's UUID (${definition.dataModel.block} is not a platform type)`);
    }
    if (!isUuid(tenant)) throw badRequest('INVALID_TENANT_ID', `Invalid tenant ID: ${JSON.stringify(tenant)} is not a UUID`);
    return tenant.toLowerCase();
  }
}

/** The DynamicContent row that stores a definition; `tenant` null for a platform definition. */
export function definitionBlock(definition: DefinitionObject, tenant: string | null): NewBlock {
  const indexer = { dynamicBlockType: definition.dataModel.block, ...(tenant ? { tenantId: tenant } : {}) };
  return { page_id: randomUUID(), parent_id: tenant, type: DEFINITION_TYPE, content: definition, indexer };
}

function toStoredDefinition(row: BlockRow): StoredDefinition {
  return { ...(row.content as DefinitionObject), _id: row.page_id };
}
