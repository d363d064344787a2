import { MeshPortInUseError, startMeshServer, type StartedMeshServer } from '../server';
import type { ResolvedMeshServerOptions } from '../options';

/** Which worker asks, and how its runner names the basePort option (for the port-in-use message). */
export interface WorkerIdentity {
  /** 1-based: Jest's JEST_WORKER_ID, Vitest's VITEST_POOL_ID. */
  readonly workerId: number;
  /** The full key of basePort as the user wrote it, e.g. `testEnvironmentOptions.basePort`. */
  readonly basePortKey: string;
  /** The runner's shard (`--shard=index/count`), which a PostgreSQL database's name carries. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** The full key of the database option as the user wrote it, e.g. `testEnvironmentOptions.database`. */
  readonly databaseKey?: string;
}

/**
 * A process's per-worker servers. The Jest environment module is loaded once per worker process
 * (Node's require cache), so this map lives as long as the worker: the first test file starts the
 * server, every later file reuses it. Keyed by options because a multi-project run can hand one
 * worker files from projects with different options.
 */
const servers = new Map<string, Promise<StartedMeshServer>>();

export function workerServer(options: ResolvedMeshServerOptions, basePort: number | undefined, worker: WorkerIdentity): Promise<StartedMeshServer> {
  const port = basePort === undefined ? 0 : basePort + worker.workerId;
  const key = JSON.stringify({ ...options, port });
  let server = servers.get(key);
  if (!server) {
    if (servers.size === 0) process.once('beforeExit', () => void closeWorkerServers());
    server = startWorkerServer(options, basePort, worker);
    servers.set(key, server);
    // A failed start must not be cached: the next file reports its own error instead of a stale one.
    server.catch(() => servers.delete(key));
  }
  return server;
}

/** Starts one worker's server on `basePort + workerId` (or any free port), unref'd. */
export async function startWorkerServer(options: ResolvedMeshServerOptions, basePort: number | undefined, worker: WorkerIdentity): Promise<StartedMeshServer> {
  const port = basePort === undefined ? 0 : basePort + worker.workerId;
  try {
    const server = await startMeshServer({ ...options, port }, { worker: worker.workerId, shard: worker.shard, databaseKey: worker.databaseKey });
    // The worker ends when its runner is done with it; an open listener must not keep it alive.
    server.unref();
    return server;
  } catch (error) {
    throw explainStartFailure(error, port, basePort, worker);
  }
}

function explainStartFailure(error: unknown, port: number, basePort: number | undefined, worker: WorkerIdentity): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'PORT_IN_USE' || basePort === undefined) return error;
  return new MeshPortInUseError(
    `${worker.basePortKey}: port ${port} (basePort ${basePort} + worker ${worker.workerId}) is already in use; ` +
      'pick another basePort or remove it to use any free port',
  );
}

/** Servers started by this process; for tests of the environment core and for shutdown. */
export function startedServerCount(): number {
  return servers.size;
}

/** Closes every server of this process. Workers normally just exit; this is for clean shutdown in tests and tools. */
export async function closeWorkerServers(): Promise<void> {
  const pending = [...servers.values()];
  servers.clear();
  await Promise.all(pending.map((server) => server.then((s) => s.close(), () => undefined)));
}
