import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { openMeshDatabase } from './db/database';
import { ContentService } from './content/service';
import { createMeshApp } from './http/app';
import { RequestLog, type RecordedRequest } from './http/request-log';
import { resolveServerOptions, type MeshSecrets, type MeshServerOptions } from './options';

/** A running emulator. Plain data plus functions, so it can be handed into a Jest sandbox. */
export interface StartedMeshServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  /** `url + '/api'`, what Mesh clients call their base URL. */
  readonly apiUrl: string;
  /** `url + '/graphql'`. */
  readonly graphqlUrl: string;
  readonly port: number;
  readonly host: string;
  readonly secrets: MeshSecrets;
  /** Back to the state right after start (built-in definitions only), and caches cleared. */
  resetDatabase(): Promise<void>;
  /** The last requests served, oldest first (see the requestLogSize option). */
  recentRequests(): RecordedRequest[];
  clearRequestLog(): void;
  /**
   * Lets the process exit while the server is still open (server and its connections are unref'd).
   * The Jest environment uses it: a worker's server lives until the process ends, and an in-band run
   * must still exit without "Jest did not exit".
   */
  unref(): void;
  /** Stops listening, ends open connections and drops the database. Safe to call twice. */
  close(): Promise<void>;
}

/** Thrown when the port is taken; `code` survives across Jest realms. */
export class MeshPortInUseError extends Error {
  override readonly name = 'MeshPortInUseError';
  readonly code = 'PORT_IN_USE';
}

export async function startMeshServer(options: MeshServerOptions = {}): Promise<StartedMeshServer> {
  const resolved = resolveServerOptions(options);
  const database = await openMeshDatabase();
  const content = await ContentService.create(database, resolved);
  database.takeBaseline();
  const requestLog = new RequestLog(resolved.requestLogSize);
  const reset = async () => {
    database.restoreBaseline();
    content.clearCaches();
  };
  const { app, stop: stopApp } = createMeshApp({ content, options: resolved, requestLog, reset });
  const http = createServer(app);
  const connections = trackSockets(http);
  try {
    await listen(http, resolved.port, resolved.host);
  } catch (error) {
    await stopApp();
    await database.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const url = `http://${resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}/api`,
    graphqlUrl: `${url}/graphql`,
    port,
    host: resolved.host,
    secrets: resolved.secrets,
    resetDatabase: reset,
    recentRequests: () => requestLog.entries(),
    clearRequestLog: () => requestLog.clear(),
    unref: () => connections.unref(),
    close: () => (closing ??= closeServer(http, connections.sockets).then(stopApp).then(() => database.close())),
  };
}

function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      http.off('listening', onListening);
      reject(error.code === 'EADDRINUSE'
        ? new MeshPortInUseError(`port ${port} on ${host} is already in use; pick another port or 0 for any free port`)
        : error);
    };
    const onListening = () => {
      http.off('error', onError);
      resolve();
    };
    http.once('error', onError);
    http.once('listening', onListening);
    http.listen(port, host);
  });
}

function trackSockets(http: Server): { sockets: Set<Socket>; unref(): void } {
  const sockets = new Set<Socket>();
  let unrefd = false;
  http.on('connection', (socket) => {
    sockets.add(socket);
    if (unrefd) socket.unref();
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    sockets,
    unref() {
      unrefd = true;
      http.unref();
      for (const socket of sockets) socket.unref();
    },
  };
}

// Keep-alive connections from fetch would hold close() open for seconds; they are ours to end.
function closeServer(http: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    http.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}
