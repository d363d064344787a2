import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { devToolVersions, run, type CommandResult } from './support/consumer-project';

/**
 * What a newcomer does with a clone: `npm ci`, `npm pack` (whose prepack builds), then a consumer
 * installs the tarball with `--engine-strict`. Slow by nature: one npm ci and two installs.
 */
jest.setTimeout(180_000);

const REPO = resolve(__dirname, '../..');

interface PackedFile {
  path: string;
  mode: number;
}

interface Manifest {
  engines: { node: string };
  bin: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: unknown }>;
}

interface Semver {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
}

let work: string;
let clone: string;
let consumer: string;
let ci: CommandResult;
let pack: CommandResult;
let install: CommandResult;
let files: PackedFile[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mesh-install-'));
  clone = join(work, 'clone');
  copyAsFreshClone(REPO, clone);
  ci = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone });
  if (ci.code !== 0) return;
  pack = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: clone });
  if (pack.code !== 0) return;
  const [report] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: PackedFile[] }>;
  files = report.files;
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'mesh-install-consumer', private: true }));
  install = await run('npm', ['install', join(work, report.filename), ...devToolVersions(), '--engine-strict', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: consumer });
}, 600_000);

// Asynchronously: two node_modules trees take long enough to delete that a synchronous delete
// would stall the run's progress output.
afterAll(async () => {
  if (work && !process.env.MESH_E2E_KEEP) await rm(work, { recursive: true, force: true });
});

/**
 * The working tree as a clone of it would be once committed: tracked and not-ignored files only,
 * so no node_modules and no dist. Copying rather than cloning HEAD checks a lockfile change
 * before it is committed.
 */
function copyAsFreshClone(from: string, to: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: from, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(from, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file));
  }
}

const output = (result: CommandResult) => `${result.stdout}\n${result.stderr}`;

test('npm ci succeeds on a fresh clone, with no deprecated package', () => {
  expect({ code: ci.code, output: output(ci) }).toMatchObject({ code: 0 });
  expect(output(ci)).not.toMatch(/deprecated/i);
});

describe('npm pack on a fresh clone', () => {
  test('builds first (prepack) and succeeds', () => {
    expect({ code: pack?.code, output: pack && output(pack) }).toMatchObject({ code: 0 });
  });

  test('holds every entry point with its declarations', () => {
    const paths = files.map((file) => file.path);
    const manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as Manifest & { exports: Record<string, { types?: string; default?: string } | string> };
    const entryPoints = Object.values(manifest.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.types, entry.default]));
    expect(entryPoints.length).toBeGreaterThanOrEqual(7);
    for (const entry of entryPoints) expect(paths).toContain(entry!.replace(/^\.\//, ''));
    expect(paths).toEqual(expect.arrayContaining(['dist/environment/index.d.ts', 'dist/src/index.d.ts', 'dist/src/client/index.d.ts']));
  });

  test('holds the bin, executable', () => {
    const manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as Manifest;
    const bins = Object.values(manifest.bin);
    expect(bins).toEqual(['dist/src/cli.js']);
    for (const bin of bins) {
      const packed = files.find((file) => file.path === bin);
      expect(packed).toBeDefined();
      expect(packed!.mode & 0o111).toBe(0o111);
    }
  });

  test('holds the pytest plugin', () => {
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['python/pyproject.toml', 'python/pytest_mesh/__init__.py']));
    expect(paths.filter((path) => path.startsWith('python/')).every((path) => !path.startsWith('python/tests/'))).toBe(true);
  });

  test('declares jest an optional peer with a boolean', () => {
    const manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as Manifest;
    expect(manifest.peerDependenciesMeta?.jest?.optional).toBe(true);
  });
});

describe(`a consumer installing the tarball on Node ${process.version}`, () => {
  test('npm install --engine-strict succeeds with no EBADENGINE and no deprecated package', () => {
    expect({ code: install?.code, output: install && output(install) }).toMatchObject({ code: 0 });
    expect(output(install)).not.toMatch(/EBADENGINE|deprecated/i);
  });

  test("every installed package's engines admit the oldest Node our engines promise", () => {
    // semver comes with ts-jest, one of our dev dependencies; npm uses the same package.
    const semver = require(require.resolve('semver', { paths: [REPO] })) as Semver;
    const ours = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest).engines.node;
    const floor = semver.minVersion(ours)!.version;
    const tree = execFileSync('npm', ['ls', '--all', '--parseable', '--omit=dev'], { cwd: consumer, encoding: 'utf8', maxBuffer: 1 << 26 });
    const refusing: string[] = [];
    let checked = 0;
    for (const dir of tree.trim().split('\n')) {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string; engines?: { node?: string } };
      const range = manifest.engines?.node;
      if (!range) continue;
      checked++;
      if (!semver.satisfies(floor, range)) refusing.push(`${manifest.name}@${manifest.version} wants node ${range}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(refusing).toEqual([]);
  });

  test('the bin runs', async () => {
    const result = await run(join(consumer, 'node_modules/.bin/mesh-test-server'), ['--help'], { cwd: consumer });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--port');
  });
});

test('the repo ignores none of its tracked files', () => {
  expect(execFileSync('git', ['ls-files', '-ci', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })).toBe('');
});
