import { COVERAGE_DIR_VARIABLE, writeCoverage } from '../contract-coverage/report';
import type { CoverageSnapshot } from '../contract-coverage/recorder';

/**
 * Hands a worker's counts to the coverage reporter, when one runs (it names its directory in the
 * environment). Called after each file: the file holds the server's totals so far, so the last
 * write of a worker is its whole share, whenever the worker ends.
 */
export function reportContractCoverage(server: { readonly port: number; contractCoverage(): CoverageSnapshot }): void {
  const dir = process.env[COVERAGE_DIR_VARIABLE];
  if (dir) writeCoverage(dir, `${process.pid}-${server.port}`, server.contractCoverage());
}
