import { condition } from '../db/block-store';
import type { BlockRow } from '../db/model';
import { DEFINITION_TYPE } from '../content/definitions';
import type { ContentService } from '../content/service';
import { toItem } from '../content/record';
import { isUuid } from '../content/uuid';
import type { SeedRecord } from './records';

/** Which records `dump` returns. Absent keys do not filter. */
export interface DumpFilter {
  /** Records of this tenant: its definitions, and items whose `tenantId` (or, for a Tenant, `_id`) is it. */
  readonly tenant?: string;
  /** Items of these types, and their definitions (so the dump replays on its own). */
  readonly types?: readonly string[];
}

/**
 * The database as seed records, definitions first, each group oldest first, so that feeding the
 * result back as `seed` rebuilds it. Definitions present at start-up (built in or from the
 * `definitions` option) are left out: every server has them.
 */
export async function dumpRecords(content: ContentService, startDefinitions: ReadonlySet<string>, filter: DumpFilter = {}): Promise<SeedRecord[]> {
  const rows = await content.store.find(condition(() => 'TRUE'));
  const definitions = rows.filter((row) => row.type === DEFINITION_TYPE && !(row.parent_id === null && startDefinitions.has(canonicalJson(row.content))));
  const tenantsOfType = definingTenants(definitions);
  const records = [
    ...definitions.map((row) => definitionRecord(row)),
    ...rows.filter((row) => row.type !== DEFINITION_TYPE).map((row) => itemRecord(row, content, tenantsOfType)),
  ];
  const tenant = filter.tenant?.toLowerCase();
  return records.filter((record) => (tenant === undefined || record.tenant === tenant || ownerOf(record) === tenant)
    && (filter.types === undefined || filter.types.includes(blockOf(record))));
}

/** Records as a seed file holds them: one per line for NDJSON, else a JSON array. */
export function formatRecords(records: readonly SeedRecord[], ndjson: boolean): string {
  return ndjson ? records.map((record) => `${JSON.stringify(record)}\n`).join('') : `${JSON.stringify(records, null, 2)}\n`;
}

/** JSON with object keys sorted: jsonb does not keep key order, so texts are compared this way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item !== null && typeof item === 'object' && !Array.isArray(item)
    ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : item));
}

function definitionRecord(row: BlockRow): SeedRecord {
  return { type: DEFINITION_TYPE, ...(row.parent_id ? { tenant: row.parent_id } : {}), content: row.content ?? {} };
}

/** The tenant an item is written under: its own tenantId when that tenant defines the type, else the one tenant that does. */
function itemRecord(row: BlockRow, content: ContentService, tenantsOfType: ReadonlyMap<string, string[]>): SeedRecord {
  const item = toItem(row);
  if (content.definitions.isPlatformType(row.type)) return { type: row.type, content: item };
  const tenants = tenantsOfType.get(row.type) ?? [];
  const own = ownTenant(item);
  const tenant = own !== undefined && tenants.includes(own) ? own : tenants.length === 1 ? tenants[0] : own;
  return { type: row.type, ...(tenant ? { tenant } : {}), content: item };
}

function definingTenants(definitions: readonly BlockRow[]): Map<string, string[]> {
  const tenants = new Map<string, string[]>();
  for (const row of definitions) {
    if (row.parent_id === null) continue;
    const block = String((row.indexer as { dynamicBlockType?: unknown }).dynamicBlockType);
    tenants.set(block, [...(tenants.get(block) ?? []), row.parent_id]);
  }
  return tenants;
}

function ownTenant(item: Record<string, unknown>): string | undefined {
  const tenantId = item.tenantId;
  return isUuid(tenantId) ? tenantId.toLowerCase() : undefined;
}

/** The tenant a record belongs to for `filter.tenant`: a Tenant record is its own. */
function ownerOf(record: SeedRecord): string | undefined {
  if (record.type === 'Tenant' && isUuid(record.content._id)) return record.content._id.toLowerCase();
  return ownTenant(record.content);
}

function blockOf(record: SeedRecord): string {
  if (record.type !== DEFINITION_TYPE) return record.type;
  return String((record.content as { dataModel?: { block?: unknown } }).dataModel?.block);
}
