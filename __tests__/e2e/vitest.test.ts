import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packPackage, type PackedPackage } from './support/consumer-project';
import { accepts, eventually, isAlive } from './support/processes';
import { VitestProject, type VitestRun } from './support/vitest-project';

/**
 * The Vitest plugin from the packed package, run by real Vitest in temp projects, once per
 * supported major. Pack once, install each major once, then one Vitest run per case.
 */
jest.setTimeout(240_000);

// Two majors per Node line, to keep the run short: 3.2 and the repo's own 4.x on Node 20; on
// Node 22.12+ (CI runs the Jest suites there too), 4.x and Vitest 5, which needs it.
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const VITEST_VERSIONS = major > 22 || (major === 22 && minor >= 12) ? [readDevVitest(), '5.1.2'] : ['3.2.7', readDevVitest()];

let packed: PackedPackage;
const projects = new Map<string, VitestProject>();

beforeAll(async () => {
  packed = await packPackage();
  for (const project of await Promise.all(VITEST_VERSIONS.map((version) => VitestProject.create(packed, version)))) {
    projects.set(project.version, project);
  }
}, 400_000);

afterAll(() => packed?.dispose());

function readDevVitest(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return manifest.devDependencies.vitest;
}

function readJsonLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

/** No hang, no warning about it: Vitest prints "close timed out" when something keeps it alive. */
function expectCleanExit(result: VitestRun): void {
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/close timed out|hanging process|Tests closed successfully but something prevents/i);
}

interface FileObservation {
  file: string;
  pool: string;
  workerId: number;
  meshUrl: string;
  appEndpoint: string;
  atStart: number;
  factoryId: string;
  listed: number;
}

describe.each(VITEST_VERSIONS)('Vitest %s', (version) => {
  const project = () => projects.get(version) as VitestProject;

  async function isolationRun(): Promise<{ result: VitestRun; seen: FileObservation[] }> {
    project().consumer.generate('vitest-suite', 'file.test.js.tmpl', 12);
    const out = join(project().consumer.root, `vitest-isolation-${Date.now()}.out`);
    rmSync(out, { force: true });
    // The application client reads MESH_API_ENDPOINT and sends no secret: auth is off, a per-worker option.
    const result = await project().vitest('vitest-suite', ['--maxWorkers=4'], { MESH_E2E_OPTIONS: JSON.stringify({ auth: 'off' }), MESH_E2E_OUT: out });
    return { result, seen: readJsonLines<FileObservation>(out) };
  }

  test('12 files on 4 workers: one emulator per worker, a clean database per file, the app client finds it through MESH_API_ENDPOINT, same ids on two runs', async () => {
    const first = await isolationRun();
    expect(first.result.report?.testResults.map((file) => file.message).join('')).toBe('');
    expect(first.result.report?.numPassedTests).toBe(12);
    expect(first.result.code).toBe(0);
    expectCleanExit(first.result);

    const seen = first.seen;
    expect(seen).toHaveLength(12);
    for (const file of seen) {
      expect(file.atStart).toBe(0);
      expect(file.listed).toBe(2);
      expect(file.appEndpoint).toBe(`${file.meshUrl}/api`);
      expect(String(file.workerId)).toBe(file.pool);
    }
    // Four workers, four emulators, and a worker keeps its emulator across the files it runs.
    const urlsByPool = new Map<string, Set<string>>();
    for (const file of seen) urlsByPool.set(file.pool, (urlsByPool.get(file.pool) ?? new Set()).add(file.meshUrl));
    expect([...urlsByPool.keys()].sort()).toEqual(['1', '2', '3', '4']);
    for (const urls of urlsByPool.values()) expect(urls.size).toBe(1);
    expect(new Set(seen.map((file) => file.meshUrl)).size).toBe(4);

    const ids = (run: FileObservation[]) => Object.fromEntries(run.map((file) => [file.file, file.factoryId]));
    expect(new Set(Object.values(ids(seen))).size).toBe(12);
    const second = await isolationRun();
    expect(second.result.code).toBe(0);
    expect(ids(second.seen)).toEqual(ids(seen));
  });

  test('a failing test shows the requests it sent; reset "test" gives each test the baseline', async () => {
    const result = await project().vitest('vitest-suite', [], {
      MESH_E2E_OPTIONS: JSON.stringify({ showRequestsOnFailure: true, reset: 'test' }),
      MESH_E2E_INCLUDE: 'failing/*.test.js',
    });
    expect(result.code).toBe(1);
    expectCleanExit(result);
    const tests = result.report?.testResults.flatMap((file) => file.assertionResults) ?? [];
    expect(tests.map((t) => [t.title, t.status]).sort()).toEqual([
      ['a failing test shows the requests it sent', 'failed'],
      ['the first test writes a tenant', 'passed'],
      ['the next test starts from the baseline', 'passed'],
    ]);
    const failure = tests.find((t) => t.status === 'failed')?.failureMessages.join('\n') ?? '';
    expect(failure).toContain('Mesh requests during "a failing test shows the requests it sent" (oldest first):');
    expect(failure).toMatch(/POST \/api\/content\/Tenant → 200/);
    expect(failure).toMatch(/GET \/api\/content\/NoSuchType\/x → 404/);
    expect(failure).toMatch(/GET \/api\/content\/Tenant\?limit=1 → 200/);
  });

  test('bad options fail the run at config load, naming every key and what is allowed', async () => {
    const result = await project().vitest('vitest-suite', [], { MESH_E2E_OPTIONS: JSON.stringify({ reset: 'suite', basePort: -1, colour: true }) });
    expect(result.code).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toContain('mesh(options).reset must be one of "file" | "test" | "none", got "suite"');
    expect(output).toContain('mesh(options).basePort must be an integer from 1 to 65000');
    expect(output).toContain('mesh(options).colour');
    expect(result.report?.numPassedTests ?? 0).toBe(0);
  });

  test('TypeScript: "types": ["jest-environment-mesh/vitest"] types mesh and the config, with no casts', async () => {
    const tsc = await project().consumer.bin('tsc', ['-p', 'tsconfig.json'], 'vitest-typescript');
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
    const source = readFileSync(join(project().consumer.root, 'vitest-typescript/notes.test.ts'), 'utf8');
    expect(source).not.toMatch(/\bas\b|<\w+>mesh/);

    const result = await project().vitest('vitest-typescript');
    expect(result.report?.numPassedTests).toBe(1);
    expect(result.code).toBe(0);
    expectCleanExit(result);
  });

  test('Ctrl-C (SIGINT to the process group) leaves nothing running or listening', async () => {
    project().consumer.generate('vitest-suite', 'file-waits.test.js.tmpl', 2);
    const out = join(project().consumer.root, `vitest-interrupt-${Date.now()}.out`);
    rmSync(out, { force: true });
    const result = await project().interrupt('vitest-suite', ['--maxWorkers=2'], { MESH_E2E_OUT: out }, () => readJsonLines(out).length === 2);

    // Vitest, its forks and the emulator threads inside it: the whole group ends, and no port stays open.
    expect(await eventually(() => !isAlive(-result.group))).toBe(true);
    const ports = readJsonLines<{ port: number }>(out).map((worker) => worker.port);
    expect(ports).toHaveLength(2);
    for (const port of ports) expect(await eventually(async () => !(await accepts(port)))).toBe(true);
  });
});
