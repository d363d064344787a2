// The ESM entry Vitest imports for `reporters: [['jest-environment-mesh/vitest/coverage-reporter', options]]`;
// Vitest takes a reporter module's default export.
import { MeshVitestCoverageReporter } from './coverage-reporter.js';

export default MeshVitestCoverageReporter;
export { MeshVitestCoverageReporter };
export type { MeshCoverageReporterOptions } from './coverage-reporter.js';
