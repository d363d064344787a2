// The ESM entry a Vitest config imports. Its types also declare the global `mesh`, so one line,
// "types": ["jest-environment-mesh/vitest"] in tsconfig.json, types it in every test file.
import { mesh } from './plugin.js';

export default mesh;
export { mesh };
export type { MeshPluginContext, MeshVitestPlugin } from './plugin.js';
export type { MeshOptions } from '../src/testkit/options.js';
export type { MeshFactories, MeshTestContext, TenantRecord, UserRecord } from '../src/testkit/globals.js';
