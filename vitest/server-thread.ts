import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedMeshServerOptions } from '../src/options';
import type { StartedMeshServer } from '../src/server';
import { startWorkerServer, type WorkerIdentity } from '../src/testkit/worker-server';
import type { ThreadReply, ThreadRequest, ThreadStart } from './thread-protocol';

/**
 * One Vitest worker's emulator, in a thread of the Vitest main process. Vitest's default
 * `isolate: true` gives every test file a fresh worker thread or process, so an emulator held by
 * the worker would start once per file; held here, it starts once per VITEST_POOL_ID and lives as
 * long as the Vitest process, in which it dies too (no child process to orphan on Ctrl-C).
 */
export interface ServerThreadData {
  readonly options: ResolvedMeshServerOptions;
  readonly basePort: number | undefined;
  readonly worker: WorkerIdentity;
}

const port = parentPort;
if (port) void serve(port, workerData as ServerThreadData);

async function serve(channel: NonNullable<typeof parentPort>, data: ServerThreadData): Promise<void> {
  let server: StartedMeshServer;
  try {
    server = await startWorkerServer(data.options, data.basePort, data.worker);
  } catch (error) {
    channel.postMessage({ kind: 'failed', error: plainError(error) } satisfies ThreadStart);
    return;
  }
  const { url, apiUrl, graphqlUrl, port: listening, secrets } = server;
  channel.on('message', (request: ThreadRequest) => {
    void answer(server, request).then(
      (result) => channel.postMessage({ id: request.id, result } satisfies ThreadReply),
      (error: unknown) => channel.postMessage({ id: request.id, error: plainError(error) } satisfies ThreadReply),
    );
  });
  channel.postMessage({ kind: 'ready', info: { url, apiUrl, graphqlUrl, port: listening, secrets } } satisfies ThreadStart);
}

async function answer(server: StartedMeshServer, request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'reset':
      return server.resetDatabase();
    case 'requests':
      return server.recentRequests();
    case 'clearRequests':
      return server.clearRequestLog();
    case 'coverage':
      return server.contractCoverage();
    case 'close':
      return server.close();
  }
}

/** Only plain data crosses threads; name and code survive for the test's error. */
function plainError(error: unknown): { name: string; message: string; code?: string } {
  const { name = 'Error', message = String(error), code } = (error ?? {}) as { name?: string; message?: string; code?: unknown };
  return typeof code === 'string' ? { name, message, code } : { name, message };
}
