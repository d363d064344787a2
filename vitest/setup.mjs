// The setup file the mesh() plugin adds to Vitest's `test.setupFiles`, shipped as written: it must
// be an ES module (Vitest can only be imported) that awaits at top level (so that `mesh` and the
// `env` variables exist before the test file's own modules load), which the package's CommonJS
// TypeScript build cannot emit. The work, and its types, are in lifecycle.ts.
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { installMesh } from '../dist/vitest/lifecycle.js';
import { PROVIDE_KEY } from '../dist/vitest/provide-key.js';

await installMesh({ afterAll, afterEach, beforeAll, beforeEach, expect }, inject(PROVIDE_KEY));
