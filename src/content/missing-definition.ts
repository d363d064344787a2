import { condition, type BlockStore } from '../db/block-store';
import { TENANT_CATALOGUE } from '../definitions';
import { DEFINITION_TYPE } from './definitions';
import { isUuid } from './uuid';

const CATALOGUE_TYPES = TENANT_CATALOGUE.map((definition) => definition.dataModel.block);
const WITH_TENANT = 'call client.withTenant(tenantId), or send ?tenant=<tenant UUID>';

/**
 * What to do about a create that found no definition: the `details.hint` of CONTENT_CREATE_ERR.
 * The service's message only says "not found", which reads the same for a missing tenant, a type
 * never registered and a misspelt name; telling them apart is what gets a newcomer unstuck. It
 * reads every definition row, which is fine on a failure path.
 */
export async function missingDefinitionHint(store: BlockStore, type: string, tenant: string): Promise<string> {
  const rows = await store.find(condition((p) => `type = ${p.add(DEFINITION_TYPE)}`));
  const tenantsByType = new Map<string, Set<string>>();
  for (const row of rows) {
    const block = (row.indexer as { dynamicBlockType?: unknown }).dynamicBlockType;
    if (typeof block !== 'string') continue;
    const tenants = tenantsByType.get(block) ?? new Set<string>();
    if (row.parent_id !== null) tenants.add(row.parent_id);
    tenantsByType.set(block, tenants);
  }
  const otherTenants = tenantsByType.get(type)?.size ?? 0;
  const known = otherTenants > 0 || CATALOGUE_TYPES.includes(type);
  const suggestion = known ? undefined : closestName(type, [...tenantsByType.keys(), ...CATALOGUE_TYPES]);
  const didYouMean = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;

  if (!isUuid(tenant)) {
    const noTenant = tenant === 'any' ? 'this request has no tenant' : `the tenant ${JSON.stringify(tenant)} is not a UUID`;
    if (known) return `${type} is tenant-scoped and ${noTenant}: ${WITH_TENANT}`;
    const todo = suggestion === undefined ? `register the definition for a tenant, then ${WITH_TENANT}` : WITH_TENANT;
    return `no definition of "${type}" is registered for any tenant${didYouMean}, and ${noTenant}: ${todo}`;
  }
  if (suggestion !== undefined) return `no definition of "${type}" is registered for any tenant${didYouMean}`;
  const elsewhere = otherTenants > 0 ? ` (it is registered for ${otherTenants} other tenant${otherTenants === 1 ? '' : 's'})` : '';
  if (CATALOGUE_TYPES.includes(type)) {
    return `${type} is a catalogue type that each tenant registers, and this request's tenant has not${elsewhere}: ` +
      'create the tenant with mesh.factories.tenant(), or call client.withTenant(tenantId).definitions.registerCatalogue()';
  }
  return `no definition of ${type} is registered for this request's tenant${elsewhere}: register it first with POST /api/definition?tenant=<tenant UUID> ` +
    '(client.withTenant(tenantId).definitions.register(definition)), or list it in testEnvironmentOptions.tenantDefinitions so mesh.factories.tenant() registers it';
}

/** A registered name the given one is probably a typo of: same letters in another case, or at most two edits away. */
function closestName(type: string, names: readonly string[]): string | undefined {
  const maxEdits = Math.min(2, Math.floor(type.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of new Set(names)) {
    const distance = name.toLowerCase() === type.toLowerCase() ? 0 : editDistance(type.toLowerCase(), name.toLowerCase());
    if (distance <= maxEdits && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
