import { randomUUID } from 'node:crypto';
import { startMeshServer, type StartedMeshServer } from '../../src/server';
import type { MeshServerOptions } from '../../src/options';
import { tenantCatalogueFor } from '../../src/definitions';
import { testDatabase } from './backend';

export interface WireResponse<T = any> { status: number; body: T; text: string }

/** Raw HTTP against a started server, to check the wire format exactly (no client in between). */
export function wire(server: StartedMeshServer, headers: Record<string, string> = { 'x-mesh-secret': server.secrets.mesh }) {
  return async <T = any>(method: string, path: string, body?: unknown, raw?: string): Promise<WireResponse<T>> => {
    const response = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // left as text: the assertions say what was expected
    }
    return { status: response.status, body: parsed as T, text };
  };
}

export const where = (filter: unknown): string => encodeURIComponent(JSON.stringify(filter));

/** A server for one test file, on the suites' backend (backend.ts); closed in afterAll. */
export function useServer(options: MeshServerOptions = {}) {
  const state = {} as { server: StartedMeshServer; call: ReturnType<typeof wire> };
  beforeAll(async () => {
    state.server = await startMeshServer({ ...testDatabase(), ...options });
    state.call = wire(state.server);
  });
  afterAll(() => state.server.close());
  return state;
}

/** A fresh tenant with the catalogue registered, as the bot's tests set one up. */
export async function registerTenant(call: ReturnType<typeof wire>): Promise<string> {
  const tenant = randomUUID();
  for (const definition of tenantCatalogueFor(tenant)) {
    const response = await call('POST', `/api/definition?tenant=${tenant}`, { definition });
    if (response.status !== 200) throw new Error(`registering ${definition.name} failed: ${response.text}`);
  }
  return tenant;
}
