import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_APP_ENV } from '../../../src/testkit/app-env';

const REPO = resolve(__dirname, '../../..');
const FIXTURES = resolve(__dirname, '../fixtures');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The parts of Jest's `--json` report the e2e tests read. */
export interface JestReport {
  success: boolean;
  numFailedTestSuites: number;
  numPassedTests: number;
  testResults: Array<{
    name: string;
    status: 'passed' | 'failed';
    message: string;
    assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>;
  }>;
}

export interface JestRun extends CommandResult {
  report: JestReport;
}

/** The package as `npm pack` makes it, in a temp folder that also holds the consumer projects. */
export interface PackedPackage {
  readonly work: string;
  readonly tarball: string;
  dispose(): void;
}

/**
 * `npm run build && npm pack`, except that the build goes to a staging folder: rebuilding the
 * shared dist/ while other test files may be loading it would race them.
 */
export async function packPackage(): Promise<PackedPackage> {
  const work = mkdtempSync(join(tmpdir(), 'mesh-e2e-'));
  const dispose = () => {
    if (!process.env.MESH_E2E_KEEP) rmSync(work, { recursive: true, force: true });
  };
  try {
    const staging = join(work, 'package');
    const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO] });
    await runChecked(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')], REPO);
    for (const entry of ['package.json', ...(readManifest().files ?? [])]) {
      if (entry !== 'dist' && existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(staging, entry), { recursive: true });
    }
    const packed = await runChecked('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], staging);
    const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    return { work, tarball: join(work, filename), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The versions this repo tests with, so that installs hit the npm cache. */
export function devToolVersions(): string[] {
  const dev = readManifest().devDependencies ?? {};
  return ['jest', 'ts-jest', 'typescript', '@types/jest'].map((name) => `${name}@${dev[name]}`);
}

/**
 * A temp project that installed the packed package from its tarball, as a user would, with the
 * fixture projects copied into it. Create one per e2e file and reuse it: installing costs ~25 s.
 */
export class ConsumerProject {
  private runs = 0;

  private constructor(readonly root: string) {}

  static async create(packed: PackedPackage, name: string, tools: readonly string[]): Promise<ConsumerProject> {
    const project = new ConsumerProject(join(packed.work, name));
    mkdirSync(project.root);
    writeFileSync(join(project.root, 'package.json'), JSON.stringify({ name: `mesh-e2e-${name}`, private: true }));
    await runChecked('npm', ['install', packed.tarball, ...tools, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project.root);
    copyFixtures(project.root);
    return project;
  }

  /** Runs the consumer's own Jest on one fixture folder with `--json`; never throws for failing tests. */
  async jest(fixture: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<JestRun> {
    const outputFile = join(this.root, `report-${++this.runs}.json`);
    const cwd = join(this.root, fixture);
    const jestBin = join(this.root, 'node_modules/jest/bin/jest.js');
    const result = await run(process.execPath, [jestBin, '--config', 'jest.config.js', '--json', '--outputFile', outputFile, ...args], { cwd, env });
    if (!existsSync(outputFile)) {
      throw new Error(`jest wrote no report (exit ${result.code})\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    }
    return { ...result, report: JSON.parse(readFileSync(outputFile, 'utf8')) as JestReport };
  }

  /**
   * Starts the consumer's Jest, waits until `isReady()`, then sends SIGINT to its whole process
   * group, as Ctrl-C in a terminal does, and waits for it to end.
   */
  async interruptJest(fixture: string, args: readonly string[], env: Record<string, string>, isReady: () => boolean): Promise<CommandResult> {
    let child: ChildProcess | undefined;
    const jestBin = join(this.root, 'node_modules/jest/bin/jest.js');
    const ended = run(process.execPath, [jestBin, '--config', 'jest.config.js', ...args], {
      cwd: join(this.root, fixture), env, detached: true, onSpawn: (spawned) => (child = spawned),
    });
    const deadline = Date.now() + 60_000;
    while (!isReady() && Date.now() < deadline) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    const group = -(child?.pid ?? 0);
    process.kill(group, isReady() ? 'SIGINT' : 'SIGKILL');
    const result = await ended;
    if (!isReady()) throw new Error(`jest never became ready\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /** Runs a binary installed in the consumer, such as `tsc`. */
  bin(name: string, args: readonly string[], fixture = '.'): Promise<CommandResult> {
    return run(join(this.root, 'node_modules/.bin', name), args, { cwd: join(this.root, fixture) });
  }

  /** Writes `count` copies of a `.tmpl` test file into `<fixture>/generated/`. */
  generate(fixture: string, template: string, count: number): string[] {
    const source = readFileSync(join(FIXTURES, fixture, template), 'utf8');
    const dir = join(this.root, fixture, 'generated');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    return Array.from({ length: count }, (_, index) => {
      const name = template.replace(/^file/, `file-${String(index + 1).padStart(2, '0')}`).replace(/\.tmpl$/, '');
      writeFileSync(join(dir, name), source);
      return name;
    });
  }
}

// Fixture test files are stored as `.tmpl` so that the repo's own tsc and Jest leave them alone.
function readManifest(): { files?: string[]; devDependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { files?: string[]; devDependencies?: Record<string, string> };
}

function copyFixtures(root: string): void {
  cpSync(FIXTURES, root, { recursive: true });
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'node_modules') continue;
    for (const file of readdirSync(join(root, dir.name))) {
      if (file.endsWith('.ts.tmpl')) renameSync(join(root, dir.name, file), join(root, dir.name, file.replace(/\.tmpl$/, '')));
    }
  }
}

// The outer Jest's worker variables must not leak into the consumer's Jest (JEST_WORKER_ID would
// make an in-band run believe it is worker 3), nor the MESH_* variables the outer environment set
// for this file (the consumer's files would find the outer emulator where theirs is turned off).
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const outer = (key: string) => key.startsWith('JEST_') || key === 'NODE_OPTIONS' || key in DEFAULT_APP_ENV;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !outer(key)));
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Start the child in a process group of its own, as a terminal runs a foreground job. */
  detached?: boolean;
  onSpawn?: (child: ChildProcess) => void;
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: childEnv(options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A hung child must fail the test, not the whole run.
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

export async function runChecked(command: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  const result = await run(command, args, { cwd });
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code})\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}
