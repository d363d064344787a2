import { join } from 'node:path';
import { resolveMeshOptions, type MeshOptions } from '../src/testkit/options';
import { MeshHost } from './host';
import type { ProvidedMesh } from './lifecycle';
import { PROVIDE_KEY } from './provide-key';

/** Prefix of every option message, naming where the user wrote the key: `mesh(options).reset must be ...`. */
export const OPTIONS_PREFIX = 'mesh(options).';

/**
 * The parts of Vitest's plugin context this plugin uses (Vitest 3.2+). Declared here rather than
 * imported so that the package's types do not require Vitest's for Jest-only users.
 */
export interface MeshPluginContext {
  readonly project: { readonly config: { readonly root: string }; provide(key: typeof PROVIDE_KEY, value: ProvidedMesh): void };
  readonly vitest: { readonly config: { readonly shard?: { readonly index: number; readonly count: number } }; onClose(fn: () => Promise<void>): void };
}

/** A Vite plugin for Vitest's `plugins`. */
export interface MeshVitestPlugin {
  readonly name: 'jest-environment-mesh';
  config(): { test: { setupFiles: string[] } };
  configureVitest(context: MeshPluginContext): Promise<void>;
}

/**
 * `plugins: [mesh({ reset: 'file' })]` in a Vitest config: every test file gets the global `mesh`
 * of its worker's emulator, as under the Jest environment. Options are checked here, when the
 * config loads, and a bad one fails the run with every problem named.
 */
export function mesh(options: MeshOptions = {}): MeshVitestPlugin {
  const resolved = resolveMeshOptions(options, OPTIONS_PREFIX);
  let host: Promise<MeshHost> | undefined;
  return {
    name: 'jest-environment-mesh',
    // vitest/setup.mjs sits next to dist/ in the package (see that file for why it is not compiled).
    config: () => ({ test: { setupFiles: [join(__dirname, '..', '..', 'vitest', 'setup.mjs')] } }),
    async configureVitest({ project, vitest }) {
      // One host per plugin instance, however many projects share it: workers are numbered per run.
      if (!host) {
        host = MeshHost.start(resolved, { basePortKey: `${OPTIONS_PREFIX}basePort`, databaseKey: `${OPTIONS_PREFIX}database`, shard: vitest.config.shard });
        const started = host;
        vitest.onClose(async () => (await started).close());
      }
      project.provide(PROVIDE_KEY, { options: resolved, host: (await host).address, root: project.config.root });
    },
  };
}
