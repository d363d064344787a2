import { createServer, type Server } from 'node:net';
import { startMeshServer } from '../../src/server';

/** Whether this machine can listen on ::1 at all; without it the emulator must skip it quietly. */
function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

function holdPort(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const holder = createServer();
    holder.once('error', reject);
    holder.listen(port, host, () => resolve(holder));
  });
}

async function health(url: string): Promise<unknown> {
  return (await fetch(`${url}/health`)).json();
}

/** Resolves with the connection error's code, or 'connected'. */
async function connectError(url: string): Promise<string> {
  try {
    await fetch(`${url}/health`);
    return 'connected';
  } catch (error) {
    return ((error as { cause?: { code?: string } }).cause?.code) ?? String(error);
  }
}

let ipv6 = false;
beforeAll(async () => {
  ipv6 = await hasIpv6Loopback();
});

describe('default host: both loopbacks on one port', () => {
  test('the same server answers on 127.0.0.1, [::1] and localhost, and advertises 127.0.0.1', async () => {
    const server = await startMeshServer();
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.addresses).toEqual(ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1']);
      // One database behind both: a tenant written over IPv4 is read back over IPv6.
      const created = await fetch(`http://127.0.0.1:${server.port}/api/content/Tenant`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mesh-secret': server.secrets.mesh },
        body: JSON.stringify({ content: { name: 'over IPv4', slug: 'v4', status: 'active' } }),
      });
      const { data } = (await created.json()) as { data: { _id: string } };
      const readBack = async (host: string) => {
        const response = await fetch(`http://${host}:${server.port}/api/content/Tenant/${data._id}`, { headers: { 'x-mesh-secret': server.secrets.mesh } });
        return ((await response.json()) as { data: { name: string } }).data.name;
      };
      expect(await readBack('localhost')).toBe('over IPv4');
      if (ipv6) expect(await readBack('[::1]')).toBe('over IPv4');
      else expect(await connectError(`http://[::1]:${server.port}`)).not.toBe('connected');
    } finally {
      await server.close();
    }
  });

  test('close() stops both listeners', async () => {
    const server = await startMeshServer();
    // A keep-alive connection on ::1 that close() must end, not wait out.
    await health(`http://[::1]:${server.port}`).catch(() => undefined);
    await server.close();
    expect(await connectError(`http://127.0.0.1:${server.port}`)).toBe('ECONNREFUSED');
    expect(await connectError(`http://[::1]:${server.port}`)).not.toBe('connected');
  });

  test('a port taken on ::1 alone is PORT_IN_USE naming ::1, and 127.0.0.1 is released again', async () => {
    if (!ipv6) return expect(ipv6).toBe(false);
    const holder = await holdPort(0, '::1');
    const port = (holder.address() as { port: number }).port;
    try {
      await expect(startMeshServer({ port })).rejects.toMatchObject({
        name: 'MeshPortInUseError', code: 'PORT_IN_USE', address: '::1',
        message: `port ${port} is free on 127.0.0.1 but in use on ::1, where clients of http://localhost:${port} may connect; pick another port, 0 for any free port, or host "127.0.0.1" to listen there only`,
      });
      const ipv4Only = await startMeshServer({ port, host: '127.0.0.1' });
      expect(ipv4Only.addresses).toEqual(['127.0.0.1']);
      await ipv4Only.close();
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe('an explicit host', () => {
  test('listens there only', async () => {
    const server = await startMeshServer({ host: '127.0.0.1' });
    try {
      expect(server.addresses).toEqual(['127.0.0.1']);
      expect(await health(server.url)).toEqual({ status: 'ok' });
      expect(await connectError(`http://[::1]:${server.port}`)).not.toBe('connected');
    } finally {
      await server.close();
    }
  });

  test('::1 is advertised in brackets', async () => {
    if (!ipv6) return expect(ipv6).toBe(false);
    const server = await startMeshServer({ host: '::1' });
    try {
      expect(server.url).toBe(`http://[::1]:${server.port}`);
      expect(await health(server.url)).toEqual({ status: 'ok' });
      expect(await connectError(`http://127.0.0.1:${server.port}`)).toBe('ECONNREFUSED');
    } finally {
      await server.close();
    }
  });
});
