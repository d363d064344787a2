import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, COVERAGE_DIR_VARIABLE, emitReport, readCoverage, type MeshCoverageReporterOptions } from '../src/contract-coverage/report';

export type { MeshCoverageReporterOptions };

/**
 * Prints which routes, GraphQL operations, where operators and error answers of the Mesh contract
 * the run exercised, and which it never did, merged across workers. Each worker's environment writes
 * its server's counts to a per-run directory named in the environment, which workers inherit
 * because Jest creates reporters before it forks them.
 * Options: `reporters: ['default', ['jest-environment-mesh/coverage-reporter', { outputFile }]]`.
 */
export default class MeshCoverageReporter {
  private readonly dir: string;

  constructor(private readonly globalConfig: { rootDir: string }, private readonly options: MeshCoverageReporterOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'mesh-contract-coverage-'));
    process.env[COVERAGE_DIR_VARIABLE] = this.dir;
    process.once('exit', () => rmSync(this.dir, { recursive: true, force: true }));
  }

  onRunComplete(): void {
    const { snapshot, workers } = readCoverage(this.dir);
    emitReport(buildReport(snapshot, workers), this.globalConfig.rootDir, this.options);
  }
}
