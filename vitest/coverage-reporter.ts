import { buildReport, emitReport, mergeCoverage, type MeshCoverageReporterOptions } from '../src/contract-coverage/report';
import { liveHosts } from './host';

export type { MeshCoverageReporterOptions };

/**
 * The Vitest twin of `jest-environment-mesh/coverage-reporter`: the same report, merged over every
 * emulator of the run. Vitest's emulators live in its main process, where reporters run too, so
 * the counts are asked of them at the end of the run rather than collected in files.
 * `reporters: ['default', ['jest-environment-mesh/vitest/coverage-reporter', { outputFile }]]`.
 */
export class MeshVitestCoverageReporter {
  private root = process.cwd();

  constructor(private readonly options: MeshCoverageReporterOptions = {}) {}

  /** The part of Vitest's context it reads: the root that outputFile is relative to. */
  onInit(vitest: { readonly config: { readonly root: string } }): void {
    this.root = vitest.config.root;
  }

  // Before Vitest's onClose, which ends the emulators.
  async onTestRunEnd(): Promise<void> {
    const snapshots = (await Promise.all([...liveHosts()].map((host) => host.contractCoverage()))).flat();
    emitReport(buildReport(mergeCoverage(snapshots), snapshots.length), this.root, this.options);
  }
}
