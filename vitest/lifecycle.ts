import { relative, sep } from 'node:path';
import { appEnvFor } from '../src/testkit/app-env';
import { createMeshContext } from '../src/testkit/context';
import type { ResolvedMeshOptions } from '../src/testkit/options';
import { requestReport } from '../src/testkit/request-report';
import { TestIdSource } from '../src/testkit/test-ids';
import { RemoteServer } from './remote-server';
import type { HostAddress } from './thread-protocol';

/** What the plugin hands every test file through Vitest's `provide` / `inject`. Plain data. */
export interface ProvidedMesh {
  readonly options: ResolvedMeshOptions;
  readonly host: HostAddress;
  /** The Vitest project's root, which factory ids are relative to. */
  readonly root: string;
}

/** The parts of a Vitest task this file reads; the same in Vitest 3, 4 and 5. */
interface Task {
  readonly name: string;
  readonly suite?: Task;
  readonly result?: { readonly state?: string; errors?: unknown[] };
}
interface HookContext {
  readonly task: Task;
}

/** The Vitest API the setup file passes in, so that this module stays CommonJS and testable alone. */
export interface VitestApi {
  beforeAll(fn: () => unknown): void;
  beforeEach(fn: (context: HookContext) => unknown): void;
  afterEach(fn: (context: HookContext) => unknown): void;
  afterAll(fn: () => unknown): void;
  readonly expect: { getState(): { testPath?: string } };
}

/** VITEST_POOL_ID: 1..maxWorkers, stable across the fresh workers an isolated run gives each file. */
export function currentPoolId(): number {
  const id = Number(process.env.VITEST_POOL_ID ?? '1');
  return Number.isInteger(id) && id > 0 ? id : 1;
}

/**
 * Runs in each test file's worker before the file's own modules load (the setup file awaits it):
 * acquires the worker's emulator, resets it as configured, sets the `env` variables and `mesh`,
 * and registers the per-test hooks.
 */
export async function installMesh(vitest: VitestApi, provided: ProvidedMesh | undefined): Promise<void> {
  if (!provided) {
    throw new Error('jest-environment-mesh/vitest: no options were provided to this worker; add mesh() to the plugins of the Vitest config (or project) that runs this file');
  }
  const { options, host, root } = provided;
  const workerId = currentPoolId();
  const server = await RemoteServer.acquire(host, workerId);
  if (options.reset !== 'none') await server.resetDatabase();
  if (options.showRequestsOnFailure) await server.clearRequestLog();

  const file = relative(root, vitest.expect.getState().testPath ?? 'unknown').split(sep).join('/');
  const ids = new TestIdSource(file);
  const restoreEnv = assignEnv(appEnvFor(server, options.env));
  globalThis.mesh = createMeshContext(server, workerId, options, ids);

  vitest.beforeAll(() => ids.enter('beforeAll'));
  vitest.beforeEach(async ({ task }) => {
    ids.enter(fullName(task));
    if (options.reset === 'test') await server.resetDatabase();
    if (options.showRequestsOnFailure) await server.clearRequestLog();
  });
  if (options.showRequestsOnFailure) {
    vitest.afterEach(async ({ task }) => {
      // The test body's errors are recorded before afterEach hooks run; one added here prints under the test's own failure.
      if (task.result?.state !== 'fail' || !task.result.errors) return;
      const { message } = requestReport(fullName(task), await server.recentRequests());
      task.result.errors.push({ name: 'MeshRequestLog', message, stack: message });
    });
  }
  // Registered first, so it runs after the file's own afterAll hooks; matters with `isolate: false`,
  // where the next file runs in this same worker.
  vitest.afterAll(restoreEnv);
}

/** Sets the variables and returns how to put back what was there. */
function assignEnv(values: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** `describe > nested > test`, without the file (the task with a `filepath`); the form the Jest environment hashes. */
function fullName(task: Task): string {
  const names: string[] = [];
  for (let current: Task | undefined = task; current && !('filepath' in current); current = current.suite) names.unshift(current.name);
  return names.join(' > ');
}
