import type { DefinitionObject } from '../content/definition-types';
import platform from './platform.json';
import catalogue from './tenant-catalogue.json';

/** Types every tenant can use with no registration (definition rows with parent_id NULL). */
export const PLATFORM_DEFINITIONS = platform as DefinitionObject[];

/** Tenant-scoped types the voice bot relies on, registered per tenant. */
export const TENANT_CATALOGUE = catalogue as DefinitionObject[];

export const PLATFORM_TYPE_NAMES: readonly string[] = PLATFORM_DEFINITIONS.map((d) => d.dataModel.block);

/** The catalogue, stamped with a tenant, ready for POST /api/definition. */
export function tenantCatalogueFor(tenantId: string, extra: readonly DefinitionObject[] = []): DefinitionObject[] {
  return [...TENANT_CATALOGUE, ...extra].map((definition) => ({ ...structuredClone(definition), tenantId }));
}
