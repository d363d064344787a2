// The demo suite under Vitest (`npm run demo:vitest`): the same test files as the Jest demo, run
// unchanged (`globals: true` gives them test/expect/describe as Jest does). In a consumer project
// the plugin is `import mesh from 'jest-environment-mesh/vitest'`; from the repo checkout it is the
// built package.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import mesh from '../../dist/vitest/index.mjs';
import order from './content-types/order.js';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  plugins: [mesh({ showRequestsOnFailure: true, tenantDefinitions: [order] })],
  test: {
    globals: true,
    include: ['tests/**/*.test.ts'],
    maxWorkers: 2,
  },
});
