import { randomUUID } from 'node:crypto';
import { signMeshJwt } from '../../src/auth/jwt';
import { tenantCatalogueFor } from '../../src/definitions';
import { startMeshServer } from '../../src/server';
import { useServer, wire } from '../support/http';

describe('auth "enforce" (default)', () => {
  const ctx = useServer({ secrets: { mesh: 'm-secret', botControl: 'b-secret', jwtSigningKey: 'jwt-key' } });
  const asUser = (headers: Record<string, string>) => wire(ctx.server, headers);

  test.each([
    ['x-mesh-secret', { 'x-mesh-secret': 'm-secret' }],
    ['x-bot-control-secret', { 'x-bot-control-secret': 'b-secret' }],
    ['a Bearer JWT', { authorization: `Bearer ${signMeshJwt({ sub: 'u1' }, 'jwt-key')}` }],
  ])('%s is enough', async (_label, headers) => {
    expect((await asUser(headers)('GET', '/api/definition/User')).status).toBe(200);
    expect((await asUser(headers)('POST', '/graphql', { query: '{ __typename }' })).status).not.toBe(401);
  });

  test.each([
    ['no credential', {}, /no valid credential/],
    ['a wrong secret', { 'x-mesh-secret': 'nope' }, /no valid credential/],
    ['a JWT signed with another key', { authorization: `Bearer ${signMeshJwt({ sub: 'u1' }, 'other')}` }, /bad signature/],
    ['an expired JWT', { authorization: `Bearer ${signMeshJwt({ sub: 'u1', exp: 1 }, 'jwt-key')}` }, /expired/],
    ['a JWT with alg none', { authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.` }, /HS256/],
  ])('%s is a 401: the failure envelope on REST, the service\'s own body on /graphql', async (_label, headers, reason) => {
    for (const [method, path] of [['GET', '/api/definition/User'], ['POST', '/test/reset-db']] as const) {
      const response = await asUser(headers)(method, path, method === 'POST' ? {} : undefined);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(reason) } });
    }
    const graphql = await asUser(headers)('POST', '/graphql', { query: '{ __typename }' });
    expect(graphql.status).toBe(401);
    expect(graphql.body).toEqual({ error: 'Unauthorized: missing or invalid mesh secret' });
  });

  test('/health and /docs/docs.json stay open', async () => {
    expect((await asUser({})('GET', '/health')).body).toEqual({ status: 'ok' });
    const docs = await asUser({})('GET', '/docs/docs.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/content/{type}', '/content/{type}/{id}', '/definition']));
  });

  test("the JWT's tenant claim wins over ?tenant=, and a body tenant is ignored", async () => {
    const tenant = randomUUID();
    const other = randomUUID();
    const mesh = asUser({ 'x-mesh-secret': 'm-secret' });
    await mesh('POST', `/api/definition?tenant=${tenant}`, { definition: tenantCatalogueFor(tenant)[0] });
    const token = signMeshJwt({ sub: 'u1', tenant }, 'jwt-key');
    const viaJwt = await asUser({ authorization: `Bearer ${token}` })('POST', `/api/content/Notes?tenant=${other}`, { content: { title: 't', mode: 'work', tenantId: tenant }, tenant: other });
    expect(viaJwt.status).toBe(200);
    const viaBody = await mesh('POST', '/api/content/Notes', { content: { title: 't', mode: 'work' }, tenant });
    expect(viaBody.status).toBe(500);
  });
});

describe('auth "off"', () => {
  const ctx = useServer({ auth: 'off' });
  test('everything is open', async () => {
    const open = wire(ctx.server, {});
    expect((await open('GET', '/api/definition/User')).status).toBe(200);
    expect((await open('POST', '/test/reset-db')).body).toEqual({ success: true, data: { reset: true } });
  });
});

describe('POST /api/definition', () => {
  const ctx = useServer();
  const valid = () => ({ name: 'Recipe', dataModel: { block: 'Recipe', jsonSchema: { type: 'object', properties: { title: { type: 'string' } } }, indexer: ['title'] } });

  test.each([
    ['MISSING_DEFINITION', {}],
    ['INVALID_DEFINITION_TYPE', { definition: 'text' }],
    ['MISSING_REQUIRED_FIELD', { definition: { dataModel: {} } }],
    ['MISSING_REQUIRED_FIELD', { definition: { name: 'x' } }],
    ['INVALID_DATA_MODEL', { definition: { name: 'x', dataModel: 'y' } }],
    ['INVALID_BLOCK', { definition: { name: 'x', dataModel: { block: 5 } } }],
    ['INVALID_JSON_SCHEMA', { definition: { name: 'x', dataModel: { block: 'X' } } }],
    ['INVALID_SCHEMA_TYPE', { definition: { name: 'x', dataModel: { block: 'X', jsonSchema: { type: 'array' } } } }],
    ['INVALID_SCHEMA_PROPERTIES', { definition: { name: 'x', dataModel: { block: 'X', jsonSchema: { type: 'object' } } } }],
  ])('%s', async (code, body) => {
    const response = await ctx.call('POST', `/api/definition?tenant=${randomUUID()}`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
  });

  test('a tenant type needs a UUID tenant', async () => {
    const none = await ctx.call('POST', '/api/definition', { definition: valid() });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/Non-platform types must provide a tenantId/);
    const bad = await ctx.call('POST', '/api/definition?tenant=acme', { definition: valid() });
    expect(bad.body.error.message).toMatch(/Invalid tenant ID/);
  });

  test('registered per tenant: visible to that tenant only; re-registering replaces; _id kept', async () => {
    const tenant = randomUUID();
    const first = await ctx.call('POST', `/api/definition?tenant=${tenant}`, { definition: valid() });
    expect(first.body.data).toMatchObject({ ...valid(), _id: expect.any(String) });
    expect((await ctx.call('GET', `/api/definition/Recipe?tenant=${tenant}`)).body.data._id).toBe(first.body.data._id);
    expect((await ctx.call('GET', `/api/definition/Recipe?tenant=${randomUUID()}`)).status).toBe(404);
    const changed = { ...valid(), description: 'v2', dataModel: { ...valid().dataModel, indexer: ['title', 'cuisine'] } };
    const second = await ctx.call('POST', '/api/definition', { definition: { ...changed, tenantId: tenant } });
    expect(second.body.data._id).toBe(first.body.data._id);
    expect((await ctx.call('GET', `/api/definition/Recipe?tenant=${tenant}`)).body.data.description).toBe('v2');
    // the new indexer list applies to the next write
    await ctx.call('POST', `/api/content/Recipe?tenant=${tenant}`, { content: { title: 'Pho', cuisine: 'vn' } });
    const byCuisine = await ctx.call('GET', `/api/content/Recipe?where=${encodeURIComponent(JSON.stringify({ indexer: { path: 'cuisine', eq: 'vn' } }))}`);
    expect(byCuisine.body.total).toBe(1);
  });

  test('GET: 404 "Definition not found"; platform types for any tenant', async () => {
    const missing = await ctx.call('GET', `/api/definition/Nope?tenant=${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ message: 'Definition not found', code: 'NOT_FOUND' });
    for (const type of ['Tenant', 'User', 'UserProfile', 'Assistant']) {
      expect((await ctx.call('GET', `/api/definition/${type}`)).body.data.dataModel.block).toBe(type);
    }
  });
});

describe('server lifecycle', () => {
  test('two servers in one process share nothing', async () => {
    const [a, b] = await Promise.all([startMeshServer(), startMeshServer()]);
    try {
      expect(a.port).not.toBe(b.port);
      await wire(a)('POST', '/api/content/User', { content: { email: 'only-in-a@example.com' } });
      const inB = await wire(b)('GET', '/api/content/User');
      expect(inB.body.total).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('resetDatabase and POST /test/reset-db return to the baseline and keep built-in definitions', async () => {
    const server = await startMeshServer();
    const call = wire(server);
    try {
      const tenant = randomUUID();
      await call('POST', `/api/definition?tenant=${tenant}`, { definition: tenantCatalogueFor(tenant)[0] });
      await call('POST', '/api/content/User', { content: { email: 'x@example.com' } });
      await server.resetDatabase();
      expect((await call('GET', '/api/content/User')).body.total).toBe(0);
      expect((await call('GET', `/api/definition/Notes?tenant=${tenant}`)).status).toBe(404);
      await call('POST', '/api/content/User', { content: { email: 'y@example.com' } });
      expect((await call('POST', '/test/reset-db')).body).toEqual({ success: true, data: { reset: true } });
      expect((await call('GET', '/api/content/User')).body.total).toBe(0);
      expect((await call('GET', '/api/definition/User')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('configured definitions are seeded and survive reset', async () => {
    const server = await startMeshServer({ definitions: [{ name: 'Widget', dataModel: { block: 'Widget', jsonSchema: { type: 'object', properties: {} } } }] });
    try {
      await server.resetDatabase();
      expect((await wire(server)('POST', '/api/content/Widget', { content: { a: 1 } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('strict validates content against the schema', async () => {
    const server = await startMeshServer({ strict: true });
    const call = wire(server);
    try {
      const tenant = randomUUID();
      for (const definition of tenantCatalogueFor(tenant)) await call('POST', `/api/definition?tenant=${tenant}`, { definition });
      const bad = await call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { tenantId: tenant, mode: 'holiday' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('SCHEMA_VALIDATION');
      expect(bad.body.error.message).toMatch(/content\.title is required.*content\.mode must be one of "personal", "work"/);
    } finally {
      await server.close();
    }
  });

  test('a taken port is a PORT_IN_USE error naming the port; close() twice is fine', async () => {
    const first = await startMeshServer();
    await expect(startMeshServer({ port: first.port })).rejects.toMatchObject({ name: 'MeshPortInUseError', code: 'PORT_IN_USE', message: expect.stringContaining(String(first.port)) });
    await first.close();
    await first.close();
  });

  test.each([
    [{ port: -1 }, 'port must be an integer from 0 to 65535'],
    [{ auth: 'sometimes' }, 'auth must be one of "enforce" | "off", got "sometimes"'],
    [{ secrets: { mesh: '' } }, 'secrets.mesh must be a non-empty string'],
    [{ secrets: { meshh: 'x' } }, 'secrets.meshh is not a known option'],
    [{ definitions: [{ name: 'x' }] }, 'definitions[0]: definition.name and definition.dataModel are required'],
    [{ definitions: ['/nonexistent/defs.json'] }, 'definitions[0]: cannot read definition file'],
    [{ colour: 'red' }, 'colour is not a known option'],
  ])('invalid options %j are refused with a message naming the option', async (options, message) => {
    await expect(startMeshServer(options as never)).rejects.toMatchObject({ name: 'MeshOptionsError', code: 'INVALID_OPTIONS', message: expect.stringContaining(message) });
  });

  test('every invalid option is reported at once, with plain-data problems', async () => {
    const error = await startMeshServer({ port: -1, host: 7, auth: 'sometimes', colour: 'red' } as never).catch((caught: unknown) => caught);
    const problems = [
      expect.stringMatching(/^colour is not a known option; known options are "port", "host", "secrets", "auth", "definitions", "strict", "requestLogSize"(, "\w+")*$/),
      'port must be an integer from 0 to 65535 (0 picks a free port), got number -1',
      'host must be a non-empty host name or address, got number 7',
      'auth must be one of "enforce" | "off", got "sometimes"',
    ];
    expect(error).toMatchObject({ name: 'MeshOptionsError', code: 'INVALID_OPTIONS', problems });
    const lines = (error as { problems: string[] }).problems;
    expect((error as Error).message).toBe(`4 option problems:\n${lines.map((problem) => `  - ${problem}`).join('\n')}`);
  });
});

