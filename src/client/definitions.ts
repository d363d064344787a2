import type { DefinitionObject, StoredDefinition } from '../content/definition-types';
import { tenantCatalogueFor } from '../definitions';
import { rest, restOrAbsent, segment, type Endpoint } from './transport';
import { requireText } from './validate';

/** A definition as `POST /api/definition` takes it. */
export type DefinitionInput = DefinitionObject;
/** A definition as the API returns it, with the `_id` of its DynamicContent record. */
export type Definition = StoredDefinition;

/** `/api/definition` calls. The client's tenant selects which tenant's definitions are seen. */
export class DefinitionsApi {
  constructor(private readonly endpoint: Endpoint) {}

  /** null when the type has no definition for this tenant (nor a platform one). */
  async get(type: string): Promise<Definition | null> {
    const path = `/api/definition/${segment(requireText('type', type))}`;
    const reply = await restOrAbsent<Definition>(this.endpoint, { method: 'GET', path });
    return reply && reply.data;
  }

  /** Registers or replaces a definition; a tenant-scoped one needs `tenantId` set to a UUID. */
  async register(definition: DefinitionInput): Promise<Definition> {
    return (await rest<Definition>(this.endpoint, { method: 'POST', path: '/api/definition', body: { definition } })).data;
  }

  /**
   * Registers the tenant-scoped catalogue (Notes, HtmlGeneration, AppletStorage) plus `extra`
   * for one tenant, by default the client's own. Returns the stored definitions, catalogue order.
   */
  async registerCatalogue(tenantId?: string, extra: readonly DefinitionInput[] = []): Promise<Definition[]> {
    const tenant = tenantId ?? this.endpoint.tenant;
    if (tenant === undefined) {
      throw new TypeError('MeshClient: registerCatalogue needs a `tenantId` argument or a client created with `tenant`');
    }
    const scoped = new DefinitionsApi({ ...this.endpoint, tenant: requireText('tenantId', tenant) });
    return Promise.all(tenantCatalogueFor(tenant, extra).map((definition) => scoped.register(definition)));
  }
}
