import type { MeshClient } from '../client';
import type { MeshTestControls } from './test-controls';

/** A Tenant record as `mesh.factories.tenant()` creates it. */
export interface TenantRecord {
  _id: string;
  name: string;
  slug: string;
  status: string;
  [field: string]: unknown;
}

/** A User record as `mesh.factories.user()` creates it. */
export interface UserRecord {
  _id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: string[];
  [field: string]: unknown;
}

export interface MeshFactories {
  /**
   * Creates a Tenant record and registers the tenant-scoped definitions (the catalogue plus
   * `tenantDefinitions`) for it. Fields in `overrides` win; the id is deterministic unless given.
   */
  tenant(overrides?: Partial<TenantRecord>): Promise<TenantRecord>;
  /** Creates a User record, in a new tenant unless `overrides.tenantId` is given. */
  user(overrides?: Partial<UserRecord>): Promise<UserRecord>;
}

/**
 * What every test file sees as the global `mesh`: this worker's emulator. `clock`, `faults` and
 * `dump` come from MeshTestControls (docs/clock.md, docs/faults.md, docs/seed.md).
 */
export interface MeshTestContext extends MeshTestControls {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** `url + '/api'`, the base URL Mesh clients are configured with. */
  readonly apiUrl: string;
  /** `url + '/graphql'`. */
  readonly graphqlUrl: string;
  readonly port: number;
  /** The worker this file runs in, from 1: Jest's worker id (1 when running in band), Vitest's pool id. */
  readonly workerId: number;
  /** The secrets the emulator accepts, for clients under test. */
  readonly secrets: { readonly mesh: string; readonly botControl: string };
  /** A client with service credentials (`x-mesh-secret` and `x-bot-control-secret`) and no tenant. */
  readonly client: MeshClient;
  readonly factories: MeshFactories;
  /** Back to the baseline (built-in definitions and the seed; clock back to its start, faults disarmed); for `beforeAll` / `beforeEach`. */
  resetDb(): Promise<void>;
}

declare global {
  /** This worker's Mesh emulator, set by jest-environment-mesh (Jest environment or Vitest plugin). */
  var mesh: MeshTestContext;
}
