import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MeshApiError, MeshClient, isMeshApiError } from '../../src/client';

// A plain HTTP server that answers what each test scripts, to reach the client's handling of
// answers the emulator never gives (HTML from a proxy, a 404 without the envelope, ...).
interface Seen { method: string; url: URL; headers: IncomingHttpHeaders; body: string }
interface Scripted { status: number; body: string; contentType?: string }

let server: Server;
let root: string;
let seen: Seen[] = [];
let next: Scripted = { status: 200, body: '{"success":true,"data":{}}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: new URL(req.url ?? '/', root), headers: req.headers, body });
      res.writeHead(next.status, { 'content-type': next.contentType ?? 'application/json' }).end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  next = { status: 200, body: '{"success":true,"data":{}}' };
});

const ok = (data: unknown, extra: object = {}): Scripted => ({ status: 200, body: JSON.stringify({ success: true, data, ...extra }) });

describe('constructor', () => {
  test.each([
    [undefined, /options must be an object/],
    [{}, /`url` must be an http\(s\) URL/],
    [{ url: '' }, /`url` must be an http\(s\) URL/],
    [{ url: 'localhost:1234' }, /`url` must use http or https/],
    [{ url: 'not a url' }, /`url` must be an http\(s\) URL.*got "not a url"/],
    [{ url: 42 }, /`url` must be .* got number 42/],
    [{ url: 'http://h:1/api?tenant=x' }, /`url` must not carry a query/],
    [{ url: 'http://h:1', secrets: { mesh: 'x' } }, /unknown option\(s\) `secrets`; allowed: url, secret, botControlSecret, token, tenant/],
    [{ url: 'http://h:1', secret: '' }, /`secret` must be a non-empty string, got ""/],
    [{ url: 'http://h:1', tenant: 7 }, /`tenant` must be a non-empty string, got number 7/],
  ])('%j is refused with a TypeError naming the option', (input, message) => {
    expect(() => new MeshClient(input as never)).toThrow(TypeError);
    expect(() => new MeshClient(input as never)).toThrow(message);
  });

  test.each([
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
    ['http://127.0.0.1:4000/api', 'http://127.0.0.1:4000'],
    [' http://127.0.0.1:4000/api/ ', 'http://127.0.0.1:4000'],
    ['https://mesh.example/prefix/api', 'https://mesh.example/prefix'],
    ['http://mesh.example/apis', 'http://mesh.example/apis'],
  ])('url %j is called at the root %j', (url, expected) => {
    expect(new MeshClient({ url }).url).toBe(expected);
  });
});

describe('requests', () => {
  test('send every credential given, and the tenant as ?tenant= on REST calls only', async () => {
    next = ok({ name: 'Notes' });
    const client = new MeshClient({ url: `${root}/api`, secret: 's1', botControlSecret: 'b1', token: 'jwt', tenant: 'T 1' });
    await client.definitions.get('Notes');
    next = { status: 200, body: '{"data":{"x":1}}' };
    await client.graphql('{ x }');
    const [rest, graphql] = seen;
    expect(rest).toMatchObject({ method: 'GET', headers: { 'x-mesh-secret': 's1', 'x-bot-control-secret': 'b1', authorization: 'Bearer jwt' } });
    expect(rest?.url.pathname).toBe('/api/definition/Notes');
    expect(rest?.url.searchParams.get('tenant')).toBe('T 1');
    expect(graphql?.url.pathname).toBe('/graphql');
    expect(graphql?.url.search).toBe('');
    expect(JSON.parse(graphql?.body ?? '')).toEqual({ query: '{ x }' });
  });

  test('send no credential headers that were not given', async () => {
    await new MeshClient({ url: root }).resetDatabase();
    expect(seen[0]?.headers).not.toHaveProperty('x-mesh-secret');
    expect(seen[0]?.headers).not.toHaveProperty('authorization');
    expect(seen[0]?.url.search).toBe('');
  });

  test('list sends where as URL-encoded JSON, and limit and offset', async () => {
    next = ok([{ _id: 'a' }], { total: 3, hasMore: true });
    const where = { AND: [{ indexer: { path: 'title', equals: `a&b=c+d %20 "q" ü` } }, { parent_id: { eq: 'any' } }] };
    const page = await new MeshClient({ url: root }).content('Things').list({ where, limit: 1, offset: 0 });
    expect(page).toEqual({ items: [{ _id: 'a' }], total: 3, hasMore: true });
    const url = seen[0]?.url;
    expect(JSON.parse(url?.searchParams.get('where') ?? '')).toEqual(where);
    expect([url?.searchParams.get('limit'), url?.searchParams.get('offset')]).toEqual(['1', '0']);
  });

  test('ids and type names are encoded as one path segment', async () => {
    next = ok({ _id: 'x' });
    await new MeshClient({ url: root }).content('a/b').get('../c?d');
    expect(seen[0]?.url.pathname).toBe('/api/content/a%2Fb/..%2Fc%3Fd');
  });

  test.each([
    ['an empty id', (c: MeshClient) => c.content('Notes').get(''), /`id` must be a non-empty string/],
    ['a negative limit', (c: MeshClient) => c.content('Notes').list({ limit: -1 }), /`limit` must be a non-negative integer, got number -1/],
    ['a fractional offset', (c: MeshClient) => c.content('Notes').list({ offset: 1.5 }), /`offset` must be a non-negative integer/],
    ['an empty query', (c: MeshClient) => c.graphql(''), /`query` must be a non-empty string/],
    ['a catalogue with no tenant', (c: MeshClient) => c.definitions.registerCatalogue(), /registerCatalogue needs a `tenantId`/],
  ])('%s is a TypeError and sends nothing', async (_name, call, message) => {
    await expect(call(new MeshClient({ url: root }))).rejects.toThrow(message);
    expect(seen).toHaveLength(0);
  });

  test('content() and withTenant() refuse an empty name at once', () => {
    const client = new MeshClient({ url: root });
    expect(() => client.content('')).toThrow(/`type` must be a non-empty string/);
    expect(() => client.withTenant('')).toThrow(/`tenantId` must be a non-empty string/);
  });
});

describe('failures', () => {
  const expectFailure = async (promise: Promise<unknown>, expected: object) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(MeshApiError);
    expect(error).toMatchObject({ name: 'MeshApiError', ...expected });
    return error as MeshApiError;
  };

  test('a failure envelope gives its status, code, message and details', async () => {
    next = { status: 400, body: JSON.stringify({ success: false, error: { message: 'bad', code: 'BAD_WHERE', details: { at: 'AND' } } }) };
    await expectFailure(new MeshClient({ url: root }).content('X').list(), { status: 400, code: 'BAD_WHERE', message: 'bad', details: { at: 'AND' } });
  });

  test('a non-JSON body gives HTTP_<status> and the first 200 characters of the body', async () => {
    const body = `<html>${'x'.repeat(194)}TAIL-NOT-SHOWN</html>`;
    next = { status: 502, body, contentType: 'text/html' };
    const error = await expectFailure(new MeshClient({ url: root }).content('X').create({}), { status: 502, code: 'HTTP_502' });
    expect(error.message).toContain(body.slice(0, 200));
    expect(error.message).not.toContain('TAIL');
    expect(error.message).toContain(`POST ${root}/api/content/X`);
  });

  test('a 404 without the envelope (wrong base URL) throws instead of reading as absent', async () => {
    next = { status: 404, body: 'Cannot GET /api/content/X/1', contentType: 'text/plain' };
    await expectFailure(new MeshClient({ url: root }).content('X').get('1'), { status: 404, code: 'HTTP_404' });
    await expectFailure(new MeshClient({ url: root }).content('X').delete('1'), { status: 404, code: 'HTTP_404' });
  });

  test('a 200 that is not a success envelope is INVALID_RESPONSE', async () => {
    next = { status: 200, body: '<html>login page</html>', contentType: 'text/html' };
    await expectFailure(new MeshClient({ url: root }).definitions.get('X'), { status: 200, code: 'INVALID_RESPONSE' });
  });

  test('GraphQL errors without a code are GRAPHQL_ERROR, with all errors as details', async () => {
    const errors = [{ message: 'first' }, { message: 'second' }];
    next = { status: 200, body: JSON.stringify({ data: { x: 1 }, errors }) };
    await expectFailure(new MeshClient({ url: root }).graphql('{ x }'), { status: 200, code: 'GRAPHQL_ERROR', message: 'first', details: errors });
  });

  test('no server is NETWORK_ERROR with status 0 and the URL in the message; health() is false', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const client = new MeshClient({ url });
    const error = await expectFailure(client.definitions.get('Tenant'), { status: 0, code: 'NETWORK_ERROR' });
    expect(error.message).toContain(`GET ${url}/api/definition/Tenant`);
    expect(error.message).toMatch(/ECONNREFUSED/);
    await expect(client.health()).resolves.toBe(false);
  });

  test('MeshApiError is plain enumerable data, serialisable and recognisable across realms', () => {
    const error = new MeshApiError({ status: 500, code: 'CONTENT_CREATE_ERR', message: 'm', details: undefined, method: 'POST', url: 'u' });
    expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message', 'method', 'name', 'status', 'url']);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'MeshApiError', status: 500, code: 'CONTENT_CREATE_ERR', message: 'm', method: 'POST', url: 'u' });
    expect({ ...error }).toMatchObject({ name: 'MeshApiError', code: 'CONTENT_CREATE_ERR', message: 'm' });
    expect(isMeshApiError(JSON.parse(JSON.stringify(error)))).toBe(true);
    expect(isMeshApiError(new Error('m'))).toBe(false);
    expect(error.stack).toContain('MeshApiError');
  });
});
