import { MeshPortInUseError, startMeshServer, type StartedMeshServer } from '../src/server';
import type { ResolvedMeshServerOptions } from '../src/options';
import { OPTIONS_PREFIX } from './options';

/**
 * The only module-level state of the environment. Jest loads the environment module once per
 * worker process (Node's require cache), so this map lives as long as the worker: the first test
 * file starts the server, every later file reuses it. Keyed by options because a multi-project
 * run can hand one worker files from projects with different options.
 */
const servers = new Map<string, Promise<StartedMeshServer>>();

/** 1-based; Jest sets it in workers and to '1' when running in band. */
export function currentWorkerId(): number {
  const id = Number(process.env.JEST_WORKER_ID ?? '1');
  return Number.isInteger(id) && id > 0 ? id : 1;
}

export function workerServer(options: ResolvedMeshServerOptions, basePort: number | undefined): Promise<StartedMeshServer> {
  const port = basePort === undefined ? 0 : basePort + currentWorkerId();
  const key = JSON.stringify({ ...options, port });
  let server = servers.get(key);
  if (!server) {
    if (servers.size === 0) process.once('beforeExit', () => void closeWorkerServers());
    server = start({ ...options, port }, basePort);
    servers.set(key, server);
    // A failed start must not be cached: the next file reports its own error instead of a stale one.
    server.catch(() => servers.delete(key));
  }
  return server;
}

async function start(options: ResolvedMeshServerOptions, basePort: number | undefined): Promise<StartedMeshServer> {
  try {
    const server = await startMeshServer(options);
    // The worker ends when Jest is done with it; an open listener must not keep it alive.
    server.unref();
    return server;
  } catch (error) {
    throw explainStartFailure(error, options.port, basePort);
  }
}

function explainStartFailure(error: unknown, port: number, basePort: number | undefined): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'PORT_IN_USE' || basePort === undefined) return error;
  return new MeshPortInUseError(
    `${OPTIONS_PREFIX}basePort: port ${port} (basePort ${basePort} + worker ${currentWorkerId()}) is already in use; ` +
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
