import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConsumerProject, devToolVersions, packPackage, type CommandResult, type PackedPackage } from './support/consumer-project';

/**
 * The application's own code, which finds Mesh only through MESH_ENDPOINT & co., run by real Jest
 * from the packed package in a temp project (fixtures/app-env). Pack + install once, then one Jest per case.
 */
jest.setTimeout(180_000);

let packed: PackedPackage;
let project: ConsumerProject;

beforeAll(async () => {
  packed = await packPackage();
  project = await ConsumerProject.create(packed, 'app-env', devToolVersions());
}, 300_000);

afterAll(() => packed?.dispose());

function expectCleanExit(result: CommandResult): void {
  expect(result.stderr).not.toMatch(/did not exit|failed to exit gracefully|open handle|detectOpenHandles|force exited/i);
}

function readJsonLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

async function runAppEnv(template: string, count: number, options: unknown, args: string[]) {
  project.generate('app-env', template, count);
  const out = join(project.root, `app-env-${Date.now()}.out`);
  rmSync(out, { force: true });
  const result = await project.jest('app-env', args, { MESH_E2E_OPTIONS: JSON.stringify(options), MESH_E2E_OUT: out });
  return { result, out };
}

interface AppObservation {
  file: string;
  pid: number;
  endpoints: { api: string; graphql: string };
  meshUrl: string;
  listed: number;
}

test('12 files on 4 workers: an env-only client reaches its own worker’s emulator and sees only its file’s rows', async () => {
  const { result, out } = await runAppEnv('file.test.js.tmpl', 12, {}, ['--maxWorkers=4']);
  expect(result.report.testResults.map((suite) => suite.message).join('')).toBe('');
  expect(result.report.numPassedTests).toBe(12);
  expect(result.code).toBe(0);

  const observations = readJsonLines<AppObservation>(out);
  expect(observations).toHaveLength(12);
  for (const seen of observations) {
    // What the client read at import time is the emulator the environment gave this file.
    expect(seen.endpoints).toEqual({ api: `${seen.meshUrl}/api`, graphql: `${seen.meshUrl}/graphql` });
    expect(seen.meshUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(seen.listed).toBe(3);
  }
  const urlsByPid = new Map<number, Set<string>>();
  for (const seen of observations) urlsByPid.set(seen.pid, (urlsByPid.get(seen.pid) ?? new Set()).add(seen.meshUrl));
  expect(urlsByPid.size).toBe(4);
  for (const urls of urlsByPid.values()) expect(urls.size).toBe(1);
  expect(new Set(observations.map((seen) => seen.meshUrl)).size).toBe(4);
  expectCleanExit(result);
});

interface ProbeObservation {
  seen: Record<string, string | null>;
  mesh: { url: string; graphqlUrl: string; apiUrl: string };
}

async function probe(options: unknown): Promise<ProbeObservation> {
  const { result, out } = await runAppEnv('env-probe.test.js.tmpl', 1, options, ['--runInBand']);
  expect(result.report.testResults.map((suite) => suite.message).join('')).toBe('');
  expect(result.code).toBe(0);
  expectCleanExit(result);
  return JSON.parse(readFileSync(out, 'utf8')) as ProbeObservation;
}

test('env: false sets none of the variables', async () => {
  const { seen } = await probe({ env: false });
  expect(seen).toEqual({ MESH_ENDPOINT: null, MESH_API_ENDPOINT: null, MESH_SHARED_SECRET: null, BOT_CONTROL_SHARED_SECRET: null, MESH_GRAPHQL_URL: null });
});

test('env entries rename a variable and turn one off; the other defaults stay', async () => {
  const { seen, mesh } = await probe({ env: { MESH_ENDPOINT: false, MESH_GRAPHQL_URL: 'graphqlUrl' }, secrets: { mesh: 'app-secret' } });
  expect(seen).toEqual({
    MESH_ENDPOINT: null, MESH_GRAPHQL_URL: mesh.graphqlUrl, MESH_API_ENDPOINT: mesh.apiUrl,
    MESH_SHARED_SECRET: 'app-secret', BOT_CONTROL_SHARED_SECRET: 'test-bot-secret',
  });
});

test('bad options: every file fails listing every problem, the run exits 1, cleanly', async () => {
  const { result } = await runAppEnv('file.test.js.tmpl', 12, { env: { MESH_ENDPOINT: 'graphql' }, reset: 'suite', hosts: '::1' }, ['--maxWorkers=4']);
  expect(result.code).toBe(1);
  expect(result.report.numFailedTestSuites).toBe(12);
  expect(result.report.numPassedTests).toBe(0);
  const problems = [
    'testEnvironmentOptions.hosts is not a known option; known options are "reset", "showRequestsOnFailure", "tenantDefinitions", "env", "basePort", "host", "secrets", "auth", "definitions", "strict"',
    'testEnvironmentOptions.reset must be one of "file" | "test" | "none", got "suite"',
    'testEnvironmentOptions.env.MESH_ENDPOINT must be one of "graphqlUrl" | "apiUrl" | "url" | "port" | "meshSecret" | "botControlSecret" | false, got "graphql"',
  ];
  for (const suite of result.report.testResults) {
    expect(suite.message).toContain('Test suite failed to run');
    expect(suite.message).toContain('MeshOptionsError: 3 option problems:');
    for (const problem of problems) expect(suite.message).toContain(`- ${problem}`);
  }
  expect(result.stderr).toContain('Test Suites: 12 failed, 12 total');
  expectCleanExit(result);
});
