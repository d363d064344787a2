import { ContentApi } from './content';
import type { ContentOf, MeshContentTypes } from './content-types';
import { DefinitionsApi } from './definitions';
import { graphqlCall } from './graphql';
import { endpointFor, resolveClientOptions, type MeshClientOptions } from './options';
import { rest, send, type Endpoint } from './transport';
import { requireText } from './validate';

/**
 * A typed client for a Mesh server (the emulator or the real service), over global fetch.
 * Every failure is a MeshApiError; caller mistakes are TypeErrors thrown before any request.
 */
export class MeshClient {
  /** The server root, normalised (no trailing slash, no `/api`). */
  readonly url: string;
  readonly tenant: string | undefined;
  readonly definitions: DefinitionsApi;
  private readonly options: MeshClientOptions;
  private readonly endpoint: Endpoint;

  constructor(options: MeshClientOptions) {
    this.options = resolveClientOptions(options);
    this.endpoint = endpointFor(this.options);
    this.url = this.options.url;
    this.tenant = this.options.tenant;
    this.definitions = new DefinitionsApi(this.endpoint);
  }

  /** A new client with the same URL and credentials, scoped to another tenant. */
  withTenant(tenantId: string): MeshClient {
    return new MeshClient({ ...this.options, tenant: requireText('tenantId', tenantId) });
  }

  /** Calls for one content type; a name listed in MeshContentTypes types its records. */
  content<K extends keyof MeshContentTypes>(type: K): ContentApi<MeshContentTypes[K]>;
  content<T = Record<string, unknown>>(type: string): ContentApi<T>;
  content(type: string): ContentApi<ContentOf<string>> {
    return new ContentApi(this.endpoint, requireText('type', type));
  }

  graphql<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<TData> {
    return graphqlCall<TData>(this.endpoint, query, variables);
  }

  /** True once the server answers `GET /health` with 200; false while it is down or starting. */
  async health(): Promise<boolean> {
    try {
      return (await send(this.endpoint, { method: 'GET', path: '/health' })).status === 200;
    } catch {
      return false;
    }
  }

  /** POST /test/reset-db: back to the built-in definitions only. Emulator only. */
  async resetDatabase(): Promise<void> {
    await rest(this.endpoint, { method: 'POST', path: '/test/reset-db' });
  }
}
