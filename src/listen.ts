import type { RequestListener, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHttpServer } from './http/http-server';

/** Thrown when the port is taken; `code` survives across Jest realms. */
export class MeshPortInUseError extends Error {
  override readonly name = 'MeshPortInUseError';
  readonly code = 'PORT_IN_USE';

  /** `address`: where the port is taken, when known (127.0.0.1 or ::1 for the default loopback pair). */
  constructor(message: string, readonly address?: string) {
    super(message);
  }
}

/** The HTTP listeners of one emulator: one per address, all on the same port and handler. */
export interface Listeners {
  readonly port: number;
  /** The addresses listened on, e.g. `['127.0.0.1', '::1']`. */
  readonly addresses: readonly string[];
  unref(): void;
  close(): Promise<void>;
}

const IPV4_LOOPBACK = '127.0.0.1';
const IPV6_LOOPBACK = '::1';
/** What listening on ::1 fails with on a machine without IPv6 (disabled, or not built in). */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);
/** Fresh ports to try when port 0 gave one whose ::1 side someone else holds. */
const FREE_PORT_ATTEMPTS = 5;

/**
 * Listens on `host`, or by default on both loopbacks: `localhost` resolves to 127.0.0.1 on some
 * machines and to ::1 first on others (Node 17+ keeps the resolver's order), and a client
 * configured with `http://localhost:<port>` must reach the emulator either way. Listening on `::`
 * would cover both but also expose the emulator to the network. 127.0.0.1 goes first so port 0
 * picks the port, then ::1 takes the same one.
 */
export async function listenOn(handler: RequestListener, port: number, host: string | undefined): Promise<Listeners> {
  if (host !== undefined) return group([await listenOne(handler, port, host)]);
  for (let attempt = 1; ; attempt++) {
    const ipv4 = await listenOne(handler, port, IPV4_LOOPBACK);
    try {
      return group([ipv4, await listenOne(handler, ipv4.port, IPV6_LOOPBACK)]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && NO_IPV6.has(code)) return group([ipv4]);
      await ipv4.close();
      if (code !== 'PORT_IN_USE') throw error;
      if (port === 0 && attempt < FREE_PORT_ATTEMPTS) continue;
      // Serving 127.0.0.1 alone would send localhost clients that resolve to ::1 to the other process.
      throw new MeshPortInUseError(
        `port ${ipv4.port} is free on 127.0.0.1 but in use on ::1, where clients of http://localhost:${ipv4.port} may connect; ` +
          'pick another port, 0 for any free port, or host "127.0.0.1" to listen there only',
        IPV6_LOOPBACK,
      );
    }
  }
}

interface Listener {
  readonly port: number;
  readonly address: string;
  unref(): void;
  close(): Promise<void>;
}

function group(listeners: readonly Listener[]): Listeners {
  return {
    port: listeners[0]!.port,
    addresses: listeners.map((listener) => listener.address),
    unref: () => listeners.forEach((listener) => listener.unref()),
    close: () => Promise.all(listeners.map((listener) => listener.close())).then(() => undefined),
  };
}

function listenOne(handler: RequestListener, port: number, host: string): Promise<Listener> {
  const http = createHttpServer(handler);
  const connections = trackSockets(http);
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      http.off('listening', onListening);
      reject(error.code === 'EADDRINUSE'
        ? new MeshPortInUseError(`port ${port} on ${host} is already in use; pick another port or 0 for any free port`, host)
        : error);
    };
    const onListening = () => {
      http.off('error', onError);
      resolve({
        port: (http.address() as AddressInfo).port,
        address: host,
        unref: () => connections.unref(),
        close: () => closeServer(http, connections.sockets),
      });
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
