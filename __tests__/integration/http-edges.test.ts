import { connect } from 'node:net';
import { useServer, wire } from '../support/http';

const ctx = useServer();

interface RawReply { status: number; headers: string; body: string; responses: number }

/**
 * Sends bytes on a fresh TCP connection and reads until the server closes it: what a client sees
 * when Node's HTTP parser, not Express, answers.
 */
function exchange(bytes: string | Buffer): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(ctx.server.port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        headers: head,
        body: decodeChunked(head, rest.join('\r\n\r\n')),
        responses: text.match(/^HTTP\/1\.1 \d{3}/gm)?.length ?? 0,
      });
    });
  });
}

function decodeChunked(head: string, body: string): string {
  if (!/transfer-encoding: chunked/i.test(head)) return body;
  let out = '';
  let rest = body;
  for (;;) {
    const size = parseInt(rest.slice(0, rest.indexOf('\r\n')), 16);
    if (!size) return out;
    rest = rest.slice(rest.indexOf('\r\n') + 2);
    out += rest.slice(0, size);
    rest = rest.slice(size + 2);
  }
}

const request = (lines: string[], body = '') => `${lines.join('\r\n')}\r\n\r\n${body}`;
const secret = () => `x-mesh-secret: ${ctx.server.secrets.mesh}`;

describe("requests Node's HTTP parser refuses get the failure envelope (issue 8, item 11)", () => {
  test.each([
    ['a query string over 16 KB', () => request([`GET /api/content/Notes?where=${'a'.repeat(17_000)} HTTP/1.1`, 'Host: x']), 431, 'HEADERS_TOO_LARGE', /exceed 16384 bytes/],
    ['headers over 16 KB', () => request(['GET /health HTTP/1.1', 'Host: x', `X-Big: ${'b'.repeat(17_000)}`]), 431, 'HEADERS_TOO_LARGE', /exceed/],
    ['an unknown method (FOO)', () => request(['FOO /api/content/Notes HTTP/1.1', 'Host: x']), 400, 'BAD_REQUEST', /Unknown HTTP method/],
    ['raw non-ASCII bytes in the URL', () => Buffer.concat([Buffer.from('GET /api/content/'), Buffer.from([0xc3, 0xa9, 0xff]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]), 400, 'BAD_REQUEST', /percent-encode/],
    ['a duplicate Content-Length', () => request(['POST /api/content/Notes HTTP/1.1', 'Host: x', 'Content-Length: 2', 'Content-Length: 3'], '{}'), 400, 'BAD_REQUEST', /Content-Length/],
    ['Content-Length with Transfer-Encoding', () => request(['POST /api/content/Notes HTTP/1.1', 'Host: x', 'Content-Length: 5', 'Transfer-Encoding: chunked'], '0\r\n\r\n'), 400, 'BAD_REQUEST', /Transfer-Encoding/],
    ['a malformed chunk size', () => request(['POST /api/content/Notes HTTP/1.1', 'Host: x', secret(), 'Content-Type: application/json', 'Transfer-Encoding: chunked'], 'zz\r\n'), 400, 'BAD_REQUEST', /chunk size/],
    ['a space in a header name', () => request(['GET /health HTTP/1.1', 'Ho st: x']), 400, 'BAD_REQUEST', /header/i],
    ['an HTTP/2 preface on the HTTP/1.1 port', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400, 'BAD_REQUEST', /Malformed HTTP request/],
    ['an HTTP/1.1 request without Host', () => request(['GET /health HTTP/1.1']), 400, 'BAD_REQUEST', /Host header/],
    ['an Expect header other than 100-continue', () => request(['POST /api/content/Notes HTTP/1.1', 'Host: x', 'Expect: teapot', 'Content-Length: 2'], '{}'), 417, 'EXPECTATION_FAILED', /Expect: teapot/],
  ])('%s', async (_label, bytes, status, code, message) => {
    const reply = await exchange(bytes());
    expect(reply.status).toBe(status);
    expect(reply.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(reply.body)).toEqual({ success: false, error: { code, message: expect.stringMatching(message) } });
  });

  test('a malformed percent-encoding reaches Express and gets its 400 envelope', async () => {
    const reply = await exchange(request(['GET /api/content/%E0%A4%A HTTP/1.1', 'Host: x', secret(), 'Connection: close']));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ success: false, error: { code: 'BAD_REQUEST' } });
  });

  test('a method Node knows but no route serves (PROPFIND) is a 404 envelope', async () => {
    const reply = await exchange(request(['PROPFIND /api/content/Notes HTTP/1.1', 'Host: x', secret(), 'Connection: close']));
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });

  test('a malformed request pipelined after a good one: the good one is answered, then the connection closes (documented)', async () => {
    const reply = await exchange(request(['GET /health HTTP/1.1', 'Host: x']) + request(['FOO / HTTP/1.1', 'Host: x']));
    expect(reply.status).toBe(200);
    expect(reply.responses).toBe(1);
  });

  test('the server keeps serving after each of them', async () => {
    expect((await ctx.call('GET', '/health')).body).toEqual({ status: 'ok' });
  });
});

describe("GraphQL client mistakes get Apollo's client-error codes, never INTERNAL_SERVER_ERROR (issue 8, item 10)", () => {
  const post = (body: unknown, path = '/graphql') => ctx.call('POST', path, undefined, typeof body === 'string' ? body : JSON.stringify(body));
  const get = (query: string) => ctx.call('GET', `/graphql?query=${encodeURIComponent(query)}`);

  test.each([
    ['a subscription (the schema has none)', () => post({ query: 'subscription { notionModel { id } }' }), 400, 'GRAPHQL_VALIDATION_FAILED', /does not support subscription/],
    ['a persisted-query hash alone (APQ is off, as the contract has no APQ)', () => post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }), 200, 'PERSISTED_QUERY_NOT_SUPPORTED', /PersistedQueryNotSupported/],
    ['a persisted-query hash that does not match the query', () => post({ query: '{ notionModel { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }), 200, 'PERSISTED_QUERY_NOT_SUPPORTED', /PersistedQueryNotSupported/],
    ['a mutation over GET', () => get('mutation { deleteNotionModel(block_id: "00000000-0000-4000-8000-000000000000") }'), 405, 'BAD_REQUEST', /GET requests only support query/],
    ['a body that is not JSON', () => post('{"query": '), 400, 'BAD_REQUEST', /not valid JSON/],
    ['no query', () => post({ variables: {} }), 400, 'BAD_REQUEST', /query/],
    ['a query that is not a string', () => post({ query: 5 }), 400, 'BAD_REQUEST', /must be strings/],
    ['an unknown operationName', () => post({ query: 'query A { notionModel { id } }', operationName: 'B' }), 400, 'OPERATION_RESOLUTION_FAILURE', /Unknown operation named "B"/],
    ['a field the schema lacks', () => post({ query: '{ nope }' }), 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope"/],
    ['a syntax error', () => post({ query: '{ notionModel { id }' }), 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
    ['a variable of the wrong type', () => post({ query: 'query ($l: Int) { notionModel(limit: $l) { id } }', variables: { l: 'ten' } }), 400, 'BAD_USER_INPUT', /Int cannot represent/],
    ['variables that are not an object', () => post({ query: '{ notionModel { id } }', variables: [1] }), 400, 'BAD_REQUEST', /variables/],
    ['?tenant= given twice', () => post({ query: '{ __typename }' }, '/graphql?tenant=a&tenant=b'), 400, 'BAD_TENANT', /tenant must be given once/],
  ])('%s', async (_label, send, status, code, message) => {
    const reply = await send();
    expect(reply.status).toBe(status);
    expect(reply.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code }) })]);
    expect(reply.body).not.toHaveProperty('success');
  });
});

describe('GraphQL 401 as the service sends it (fidelity)', () => {
  test('no credential: 401 {"error":"Unauthorized: missing or invalid mesh secret"}, not the REST envelope', async () => {
    const reply = await wire(ctx.server, { 'x-mesh-secret': 'wrong' })('POST', '/graphql', { query: '{ __typename }' });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'Unauthorized: missing or invalid mesh secret' });
  });

  test('REST keeps its envelope for the same mistake', async () => {
    const reply = await wire(ctx.server, {})('GET', '/api/definition/User');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
  });
});
