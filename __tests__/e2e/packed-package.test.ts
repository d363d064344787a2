import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConsumerProject, devToolVersions, packPackage, type CommandResult, type JestReport, type PackedPackage } from './support/consumer-project';
import { accepts, eventually, isAlive } from './support/processes';

/**
 * Real Jest, in a temp project that installed the packed package from its tarball, on the
 * fixture projects in ./fixtures. Slow by nature (pack + install once, then one Jest per case).
 */
jest.setTimeout(180_000);

interface Observation {
  file: string;
  pid: number;
  workerId: number;
  port: number;
  before: string[];
  tenantId: string;
}

let packed: PackedPackage;
let project: ConsumerProject;
let files: string[];

beforeAll(async () => {
  packed = await packPackage();
  project = await ConsumerProject.create(packed, 'jest30', devToolVersions());
  files = project.generate('isolation', 'file.test.js.tmpl', 12);
}, 300_000);

afterAll(() => packed?.dispose());

function expectCleanExit(result: CommandResult): void {
  expect(result.stderr).not.toMatch(/did not exit|failed to exit gracefully|open handle|detectOpenHandles|force exited/i);
}

async function isolationRun(reset: string, args: string[]): Promise<{ result: CommandResult & { report: JestReport }; observations: Observation[] }> {
  const out = join(project.root, `observations-${reset}-${args.join('')}.jsonl`);
  rmSync(out, { force: true });
  const result = await project.jest('isolation', args, { MESH_E2E_RESET: reset, MESH_E2E_OUT: out });
  return { result, observations: readJsonLines<Observation>(out) };
}

/** The fixtures append one JSON line per file; several worker processes write to the same file. */
function readJsonLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

function groupByWorker(observations: Observation[]): Map<number, Observation[]> {
  const byPid = new Map<number, Observation[]>();
  for (const observation of observations) byPid.set(observation.pid, [...(byPid.get(observation.pid) ?? []), observation]);
  return byPid;
}

const idsByFile = (observations: Observation[]) => Object.fromEntries(observations.map((o) => [o.file, o.tenantId]));

describe('--maxWorkers=4 over 12 files', () => {
  let firstRunIds: Record<string, string> = {};

  test('each worker has its own emulator: nothing one worker writes is visible in another', async () => {
    const { result, observations } = await isolationRun('none', ['--maxWorkers=4']);
    expect(result.stderr).toContain('Tests:       12 passed, 12 total');
    expect(result.code).toBe(0);
    expect(observations.map((o) => o.file).sort()).toEqual([...files].sort());

    const workers = groupByWorker(observations);
    expect(workers.size).toBeGreaterThanOrEqual(2);
    const ports = new Set<number>();
    for (const [, seen] of workers) {
      // One server per worker, started by its first file and reused by the later ones...
      expect(new Set(seen.map((o) => `${o.workerId}:${o.port}`)).size).toBe(1);
      ports.add(seen[0].port);
      // ...which, with reset "none", see what earlier files of the same worker wrote, and only that.
      seen.forEach((observation, index) => {
        expect(observation.before).toEqual(seen.slice(0, index).map((o) => `worker ${o.workerId}: ${o.file}`));
      });
    }
    expect(ports.size).toBe(workers.size);
    firstRunIds = idsByFile(observations);
    expectCleanExit(result);
  });

  test('reset "file" (the default) gives every file a clean database, and factory ids repeat across runs', async () => {
    const { result, observations } = await isolationRun('file', ['--maxWorkers=4']);
    expect(result.code).toBe(0);
    expect(observations).toHaveLength(12);
    for (const observation of observations) expect(observation.before).toEqual([]);
    const ids = idsByFile(observations);
    expect(new Set(Object.values(ids)).size).toBe(12);
    // Different run, different worker assignment: the same file and test still get the same id.
    expect(ids).toEqual(firstRunIds);
    expectCleanExit(result);
  });
});

test('--runInBand: one emulator for every file, clean database per file, clean exit', async () => {
  const { result, observations } = await isolationRun('file', ['--runInBand']);
  expect(result.code).toBe(0);
  expect(new Set(observations.map((o) => `${o.pid}:${o.workerId}:${o.port}`)).size).toBe(1);
  expect(observations[0].workerId).toBe(1);
  for (const observation of observations) expect(observation.before).toEqual([]);
  expectCleanExit(result);
});

test('a bad option fails every file with a message naming the key and the allowed values', async () => {
  const { result } = await isolationRun('suite', ['--runInBand']);
  expect(result.code).not.toBe(0);
  expect(result.report.numFailedTestSuites).toBe(12);
  const expected = 'testEnvironmentOptions.reset must be one of "file" | "test" | "none", got "suite"';
  for (const suite of result.report.testResults) expect(suite.message).toContain(expected);
  expect(result.stderr).toContain(expected);
  expectCleanExit(result);
});

describe('failing tests and docblock options', () => {
  let run: Awaited<ReturnType<ConsumerProject['jest']>>;
  const suite = (file: string) => {
    const found = run.report.testResults.find((s) => s.name.endsWith(`/${file}`));
    if (!found) throw new Error(`no result for ${file}`);
    return found;
  };
  const failureOf = (file: string, title: string) =>
    suite(file).assertionResults.find((t) => t.title === title)?.failureMessages.join('\n') ?? '';

  beforeAll(async () => {
    run = await project.jest('failing', ['--maxWorkers=2']);
  });

  test('the run fails, and still exits cleanly', () => {
    expect(run.code).toBe(1);
    expectCleanExit(run);
  });

  test('showRequestsOnFailure (from the docblock) appends the requests the failing test made', () => {
    const message = failureOf('shows-requests.test.js', 'fails after talking to the emulator');
    expect(message).toContain('expect(received).toEqual(expected)');
    expect(message).toContain('Mesh requests during "fails after talking to the emulator" (oldest first):');
    expect(message).toMatch(/POST \/api\/content\/Tenant → 200/);
    expect(message).toMatch(/GET \/api\/content\/Notes\/00000000-0000-4000-8000-000000000000\?tenant=[0-9a-f-]{36} → 404 \(/);
    // Only this test's requests: the passing test before it created a tenant of its own.
    expect(message.match(/POST \/api\/content\/Tenant/g)).toHaveLength(1);
    expect(run.stderr).toContain('Mesh requests during "fails after talking to the emulator"');
    expect(suite('shows-requests.test.js').assertionResults.find((t) => t.title === 'passes')?.status).toBe('passed');
  });

  test('without the option a failure shows only the assertion', () => {
    const message = failureOf('quiet-failure.test.js', 'fails quietly');
    expect(message).toContain('expect(received).toBe(expected)');
    expect(message).not.toContain('Mesh requests');
  });

  test('a docblock can switch one file to reset "test"', () => {
    expect(suite('reset-per-test.test.js').status).toBe('passed');
    expect(suite('reset-per-test.test.js').assertionResults.map((t) => t.status)).toEqual(['passed', 'passed']);
  });

  test('a docblock that changes a per-worker option is rejected with a clear message', () => {
    expect(suite('server-option-in-docblock.test.js').status).toBe('failed');
    expect(suite('server-option-in-docblock.test.js').message).toContain(
      '@jest-environment-options in server-option-in-docblock.test.js sets "secrets", which is fixed per worker; set testEnvironmentOptions.secrets in the Jest config instead',
    );
  });
});

describe('a TypeScript consumer', () => {
  test('type-checks `mesh` from the tsconfig "types" entry, with no casts', async () => {
    const result = await project.bin('tsc', ['-p', 'tsconfig.json'], 'typescript');
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.code).toBe(0);
  });

  test('runs under ts-jest with no open handles', async () => {
    const result = await project.jest('typescript', ['--detectOpenHandles']);
    expect(result.report.testResults[0]?.message ?? '').toBe('');
    expect(result.code).toBe(0);
    expect(result.report.numPassedTests).toBe(1);
    expectCleanExit(result);
  });
});

test('Ctrl-C leaves no worker process and no listening port behind', async () => {
  project.generate('interrupt', 'file.test.js.tmpl', 2);
  const out = join(project.root, 'interrupt.jsonl');
  rmSync(out, { force: true });
  const started = () => readJsonLines<{ pid: number; port: number }>(out);
  const basePort = 20_000 + Math.floor(Math.random() * 20_000);
  await project.interruptJest('interrupt', ['--maxWorkers=2'], { MESH_E2E_OUT: out, MESH_E2E_BASE_PORT: String(basePort) }, () => started().length === 2);

  const workers = started();
  expect(workers.map((w) => w.port).sort()).toEqual([basePort + 1, basePort + 2]);
  for (const worker of workers) {
    expect(await eventually(() => !isAlive(worker.pid))).toBe(true);
    expect(await eventually(async () => !(await accepts(worker.port)))).toBe(true);
  }
});

test('an ES module consumer gets `mesh` and can import the package entry points', async () => {
  const result = await project.jest('esm', [], { NODE_OPTIONS: '--experimental-vm-modules' });
  expect(result.report.testResults[0]?.message ?? '').toBe('');
  expect(result.code).toBe(0);
  expect(result.report.numPassedTests).toBe(1);
  expectCleanExit(result);
});

test('works with Jest 29', async () => {
  const jest29 = await ConsumerProject.create(packed, 'jest29', ['jest@29.7.0']);
  jest29.generate('isolation', 'file.test.js.tmpl', 12);
  const out = join(jest29.root, 'observations.jsonl');
  const result = await jest29.jest('isolation', ['--maxWorkers=2'], { MESH_E2E_RESET: 'file', MESH_E2E_OUT: out });
  expect(result.report.testResults.map((s) => s.message).join('')).toBe('');
  expect(result.code).toBe(0);
  expect(result.report.numPassedTests).toBe(12);
  const observations = readJsonLines<Observation>(out);
  expect(observations).toHaveLength(12);
  for (const observation of observations) expect(observation.before).toEqual([]);
  expectCleanExit(result);
}, 240_000);
