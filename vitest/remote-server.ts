import { request } from 'node:http';
import type { RecordedRequest } from '../src/http/request-log';
import { revive, type HostAddress, type PlainError, type ServerInfo } from './thread-protocol';

/**
 * A test file's handle on its worker's emulator, which runs in the Vitest main process. Plain
 * node:http rather than fetch, so that a suite that mocks fetch cannot break its own setup.
 */
export class RemoteServer {
  private constructor(private readonly host: HostAddress, private readonly workerId: number, readonly info: ServerInfo) {}

  /** Starts this worker's emulator if no earlier file did. */
  static async acquire(host: HostAddress, workerId: number): Promise<RemoteServer> {
    return new RemoteServer(host, workerId, (await post(host, workerId, 'acquire')) as ServerInfo);
  }

  get url(): string {
    return this.info.url;
  }
  get apiUrl(): string {
    return this.info.apiUrl;
  }
  get graphqlUrl(): string {
    return this.info.graphqlUrl;
  }
  get port(): number {
    return this.info.port;
  }
  get secrets(): ServerInfo['secrets'] {
    return this.info.secrets;
  }

  async resetDatabase(): Promise<void> {
    await post(this.host, this.workerId, 'reset');
  }

  async clearRequestLog(): Promise<void> {
    await post(this.host, this.workerId, 'clearRequests');
  }

  async recentRequests(): Promise<RecordedRequest[]> {
    return (await post(this.host, this.workerId, 'requests')) as RecordedRequest[];
  }
}

function post(host: HostAddress, workerId: number, op: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.url}/workers/${workerId}/${op}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          const body = JSON.parse(text) as { result?: unknown; error?: PlainError };
          if (body.error) reject(revive(body.error));
          else resolve(body.result);
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', (error) => reject(new Error(`the Mesh host of this Vitest run is not reachable at ${host.url} (${error.message}); is the mesh() plugin in this project's config?`)));
    req.end();
  });
}
