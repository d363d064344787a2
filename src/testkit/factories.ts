import type { MeshClient } from '../client';
import type { DefinitionObject } from '../content/definition-types';
import type { MeshFactories, TenantRecord, UserRecord } from './globals';

export interface FactoryDeps {
  /** A service client for the worker's server (no tenant). */
  readonly client: MeshClient;
  /** Deterministic ids for the current test. */
  readonly nextId: () => string;
  readonly tenantDefinitions: readonly DefinitionObject[];
}

export function createFactories(deps: FactoryDeps): MeshFactories {
  const tenant = async (overrides: Partial<TenantRecord> = {}): Promise<TenantRecord> => {
    const _id = overrides._id ?? deps.nextId();
    const short = _id.slice(0, 8);
    const record = await deps.client
      .content<Omit<TenantRecord, '_id'>>('Tenant')
      .create({ name: `Test tenant ${short}`, slug: `tenant-${short}`, status: 'active', ...overrides, _id });
    await deps.client.definitions.registerCatalogue(_id, deps.tenantDefinitions);
    return record as TenantRecord;
  };

  const user = async (overrides: Partial<UserRecord> = {}): Promise<UserRecord> => {
    const tenantId = overrides.tenantId ?? (await tenant())._id;
    const _id = overrides._id ?? deps.nextId();
    const short = _id.slice(0, 8);
    const record = await deps.client
      .withTenant(tenantId)
      .content<Omit<UserRecord, '_id'>>('User')
      .create({ email: `user-${short}@example.test`, name: `Test user ${short}`, roles: ['user'], ...overrides, tenantId, _id });
    return record as UserRecord;
  };

  return { tenant, user };
}
