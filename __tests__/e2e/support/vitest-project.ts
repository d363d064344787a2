import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsumerProject, devToolVersions, run, type CommandResult, type PackedPackage } from './consumer-project';

/** The parts of Vitest's JSON report (the same in Vitest 3 and 4) the e2e tests read. */
export interface VitestReport {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{
    name: string;
    status: string;
    message: string;
    assertionResults: Array<{ title: string; fullName: string; status: string; failureMessages: string[] }>;
  }>;
}

export interface VitestRun extends CommandResult {
  /** Absent when Vitest stopped before running files (a bad option). */
  report: VitestReport | undefined;
}

/** A consumer project with the packed package, one Vitest version and TypeScript installed. */
export class VitestProject {
  private runs = 0;

  private constructor(readonly consumer: ConsumerProject, readonly version: string) {}

  static async create(packed: PackedPackage, version: string): Promise<VitestProject> {
    const typescript = devToolVersions().filter((tool) => tool.startsWith('typescript@'));
    const consumer = await ConsumerProject.create(packed, `vitest-${version}`, [`vitest@${version}`, ...typescript]);
    return new VitestProject(consumer, version);
  }

  private command(args: readonly string[]): string[] {
    return [join(this.consumer.root, 'node_modules/vitest/vitest.mjs'), 'run', ...args];
  }

  /** `vitest run` in a fixture folder, with the default reporter on stdout and the JSON report read back. */
  async vitest(fixture: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<VitestRun> {
    const outputFile = join(this.consumer.root, `vitest-report-${++this.runs}.json`);
    const result = await run(process.execPath, this.command(['--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`, ...args]), {
      cwd: join(this.consumer.root, fixture),
      env,
    });
    const report = existsSync(outputFile) ? (JSON.parse(readFileSync(outputFile, 'utf8')) as VitestReport) : undefined;
    return { ...result, report };
  }

  /**
   * Starts Vitest in a process group of its own, waits until `isReady()`, then sends SIGINT to the
   * whole group, as Ctrl-C in a terminal does, and waits for Vitest to end. Resolves with the
   * group's id, so the caller can check nothing of it is left.
   */
  async interrupt(fixture: string, args: readonly string[], env: Record<string, string>, isReady: () => boolean): Promise<CommandResult & { group: number }> {
    let child: ChildProcess | undefined;
    const ended = run(process.execPath, this.command(args), {
      cwd: join(this.consumer.root, fixture), env, detached: true, onSpawn: (spawned) => (child = spawned),
    });
    const deadline = Date.now() + 90_000;
    while (!isReady() && Date.now() < deadline) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    const group = child?.pid ?? 0;
    const ready = isReady();
    process.kill(-group, ready ? 'SIGINT' : 'SIGKILL');
    const result = await ended;
    if (!ready) throw new Error(`vitest never became ready\n${result.stdout}\n${result.stderr}`);
    return { ...result, group };
  }
}
