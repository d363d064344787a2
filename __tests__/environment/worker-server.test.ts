import { createServer, type Server } from 'node:net';
import { closeWorkerServers, currentWorkerId, startedServerCount, workerServer } from '../../environment/worker-server';
import { resolveEnvironmentOptions } from '../../environment/options';

// These run in the test sandbox, so they get their own copy of the module state, not the live environment's.
const defaults = resolveEnvironmentOptions({}).server;

afterAll(() => closeWorkerServers());

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve) => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1', () => resolve(blocker));
  });
}

describe('workerServer', () => {
  test('starts once and hands every later caller the same server', async () => {
    const before = startedServerCount();
    const [first, second] = await Promise.all([workerServer(defaults, undefined), workerServer(defaults, undefined)]);
    expect(second).toBe(first);
    expect(await workerServer(defaults, undefined)).toBe(first);
    expect(startedServerCount()).toBe(before + 1);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
  });

  test('different options get a server of their own', async () => {
    const plain = await workerServer(defaults, undefined);
    const open = await workerServer(resolveEnvironmentOptions({ auth: 'off' }).server, undefined);
    expect(open).not.toBe(plain);
    expect((await fetch(`${open.apiUrl}/definition/Tenant`)).status).toBe(200);
    expect((await fetch(`${plain.apiUrl}/definition/Tenant`)).status).toBe(401);
  });

  test('listens on basePort + workerId', async () => {
    const free = await listenOnFreePort();
    const port = (free.address() as { port: number }).port;
    await new Promise((resolve) => free.close(resolve));
    const server = await workerServer(resolveEnvironmentOptions({ strict: true }).server, port - currentWorkerId());
    expect(server.port).toBe(port);
  });

  test('a taken port fails with an error naming basePort, and is not cached', async () => {
    const blocker = await listenOnFreePort();
    const port = (blocker.address() as { port: number }).port;
    const options = resolveEnvironmentOptions({ secrets: { mesh: 'other' } }).server;
    const before = startedServerCount();
    try {
      const failure = workerServer(options, port - currentWorkerId());
      await expect(failure).rejects.toMatchObject({
        name: 'MeshPortInUseError',
        code: 'PORT_IN_USE',
        message: expect.stringContaining(`testEnvironmentOptions.basePort: port ${port} (basePort ${port - currentWorkerId()} + worker ${currentWorkerId()}) is already in use`),
      });
      expect(startedServerCount()).toBe(before);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
