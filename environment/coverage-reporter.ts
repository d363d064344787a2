import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildReport, COVERAGE_DIR_VARIABLE, formatReport, readCoverage } from '../src/contract-coverage/report';

/** Options of the reporter: `reporters: ['default', ['jest-environment-mesh/coverage-reporter', { outputFile }]]`. */
export interface MeshCoverageReporterOptions {
  /** Also write the report as JSON here (relative to rootDir), for CI. Default: none. */
  readonly outputFile?: string;
  /** Print nothing (with outputFile, for CI that only reads the JSON). Default false. */
  readonly silent?: boolean;
}

/**
 * Prints which routes, GraphQL operations, where operators and error answers of the Mesh contract
 * the run exercised, and which it never did, merged across workers. Each worker's environment writes
 * its server's counts to a per-run directory named in the environment, which workers inherit
 * because Jest creates reporters before it forks them.
 */
export default class MeshCoverageReporter {
  private readonly dir: string;
  private readonly outputFile: string | undefined;
  private readonly silent: boolean;

  constructor(globalConfig: { rootDir: string }, options: MeshCoverageReporterOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'mesh-contract-coverage-'));
    process.env[COVERAGE_DIR_VARIABLE] = this.dir;
    this.outputFile = options.outputFile === undefined ? undefined : resolve(globalConfig.rootDir, options.outputFile);
    this.silent = options.silent === true;
    process.once('exit', () => rmSync(this.dir, { recursive: true, force: true }));
  }

  onRunComplete(): void {
    const { snapshot, workers } = readCoverage(this.dir);
    const report = buildReport(snapshot, workers);
    if (this.outputFile) writeFileSync(this.outputFile, `${JSON.stringify(report, null, 2)}\n`);
    if (!this.silent) process.stderr.write(`\n${formatReport(report)}`);
  }
}
