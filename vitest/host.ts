import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CoverageSnapshot } from '../src/contract-coverage/recorder';
import type { ResolvedMeshOptions } from '../src/testkit/options';
import type { WorkerIdentity } from '../src/testkit/worker-server';
import type { ServerThreadData } from './server-thread';
import { revive, type HostAddress, type PlainError, type ServerInfo, type ServerOp, type ThreadReply, type ThreadStart } from './thread-protocol';

export type { HostAddress };


/**
 * Every host of this process, for the coverage reporter (vitest/coverage-reporter.ts). Keyed in
 * the global symbol registry because Vitest loads reporters and the config's plugins through
 * different loaders, which can give each its own copy of this module.
 */
const LIVE_HOSTS = Symbol.for('jest-environment-mesh.vitest.hosts');
type HostRegistry = Set<{ contractCoverage(): Promise<CoverageSnapshot[]> }>;
export function liveHosts(): HostRegistry {
  const registry = globalThis as { [LIVE_HOSTS]?: HostRegistry };
  return (registry[LIVE_HOSTS] ??= new Set());
}

/** What every worker of the run shares in its WorkerIdentity: the option keys for messages, the shard. */
export type RunIdentity = Omit<WorkerIdentity, 'workerId'>;

/** A started emulator thread. */
class ServerThread {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly worker: Worker, readonly info: ServerInfo) {
    worker.on('message', (reply: ThreadReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) waiting?.reject(revive(reply.error));
      else waiting?.resolve(reply.result);
    });
  }

  static start(data: ServerThreadData): Promise<ServerThread> {
    const worker = new Worker(join(__dirname, 'server-thread.js'), { workerData: data });
    // Vitest decides when its process ends; close() ends the thread first, but it must never hold Vitest up.
    worker.unref();
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      worker.once('error', failed);
      worker.once('exit', (code) => failed(new Error(`the Mesh emulator thread exited (code ${code}) before it was ready`)));
      worker.once('message', (start: ThreadStart) => {
        worker.removeAllListeners('error').removeAllListeners('exit');
        if (start.kind === 'ready') {
          resolve(new ServerThread(worker, start.info));
        } else {
          reject(revive(start.error));
          void worker.terminate();
        }
      });
    });
  }

  call(op: ServerOp): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op });
    });
  }

  async close(): Promise<void> {
    await this.call('close').catch(() => undefined);
    await this.worker.terminate();
  }
}

/**
 * The Vitest main process's side: one emulator thread per VITEST_POOL_ID, started when that
 * worker's first file asks for it, and a loopback HTTP endpoint through which test files (in
 * Vitest's workers) acquire their server, reset it and read its request log.
 */
export class MeshHost {
  private readonly threads = new Map<number, Promise<ServerThread>>();
  private closing: Promise<void> | undefined;

  private constructor(private readonly options: ResolvedMeshOptions, private readonly run: RunIdentity, private readonly control: Server, readonly address: HostAddress) {}

  static async start(options: ResolvedMeshOptions, run: RunIdentity): Promise<MeshHost> {
    const token = randomBytes(16).toString('hex');
    const control = createServer();
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(0, '127.0.0.1', () => resolve());
    });
    control.unref();
    const { port } = control.address() as { port: number };
    const host = new MeshHost(options, run, control, { url: `http://127.0.0.1:${port}`, token });
    control.on('request', (req, res) => void host.handle(req, res));
    liveHosts().add(host);
    return host;
  }

  private thread(workerId: number): Promise<ServerThread> {
    let thread = this.threads.get(workerId);
    if (!thread) {
      thread = ServerThread.start({ options: this.options.server, basePort: this.options.basePort, worker: { ...this.run, workerId } });
      this.threads.set(workerId, thread);
      // A failed start is not cached: the next file reports its own error.
      thread.catch(() => this.threads.delete(workerId));
    }
    return thread;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/workers\/(\d+)\/(acquire|reset|requests|clearRequests)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match || req.headers.authorization !== `Bearer ${this.address.token}`) {
      return reply(res, 404, { error: { name: 'Error', message: 'not a Mesh host route' } });
    }
    try {
      const thread = await this.thread(Number(match[1]));
      const op = match[2] as 'acquire' | ServerOp;
      reply(res, 200, { result: op === 'acquire' ? thread.info : ((await thread.call(op)) ?? null) });
    } catch (error) {
      const { name = 'Error', message = String(error), code } = error as { name?: string; message?: string; code?: string };
      reply(res, 500, { error: { name, message, code } satisfies PlainError });
    }
  }

  /** The counts of each emulator started so far, for the coverage report. */
  async contractCoverage(): Promise<CoverageSnapshot[]> {
    const started = await Promise.allSettled([...this.threads.values()]);
    return Promise.all(started.flatMap((thread) => (thread.status === 'fulfilled' ? [thread.value.call('coverage') as Promise<CoverageSnapshot>] : [])));
  }

  /** Ends every emulator thread and the control endpoint; for Vitest's onClose (end of run, `q` in watch mode). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      liveHosts().delete(this);
      const threads = [...this.threads.values()];
      this.threads.clear();
      await Promise.all(threads.map((thread) => thread.then((t) => t.close(), () => undefined)));
      this.control.closeAllConnections();
      await new Promise((resolve) => this.control.close(resolve));
    })();
    return this.closing;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
