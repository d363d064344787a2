import { randomUUID } from 'node:crypto';
import { registerTenant, useServer, wire } from '../support/http';

describe('fault injection', () => {
  const ctx = useServer();
  let tenant: string;
  const served = () => ctx.server.recentRequests().filter((request) => !request.path.startsWith('/test/'));
  const note = () => ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: 't', mode: 'work', tenantId: tenant } });

  beforeEach(async () => {
    await ctx.call('POST', '/test/reset-db');
    tenant = await registerTenant(ctx.call);
    ctx.server.clearRequestLog();
  });

  test('the missingDefinition preset answers exactly what a create without definition gets, once', async () => {
    const genuine = await ctx.call('POST', `/api/content/Notes?tenant=${randomUUID()}`, { content: { title: 't' } });
    ctx.server.clearRequestLog();
    const armed = await ctx.call('POST', '/test/faults', { preset: 'missingDefinition', type: 'Notes' });
    expect(armed.body.data).toEqual([expect.objectContaining({ method: 'POST', path: '/api/content/*', type: 'Notes', status: 500, code: 'CONTENT_CREATE_ERR', remaining: 1 })]);
    const injected = await note();
    expect(injected.status).toBe(genuine.status);
    expect(injected.body).toEqual({ success: false, error: { code: 'CONTENT_CREATE_ERR', message: genuine.body.error.message } });
    expect((await note()).status).toBe(200);
    expect(served().map((r) => [r.status, r.injected])).toEqual([[500, 'answer'], [200, undefined]]);
  });

  test('method, path pattern and times pick the requests; others pass', async () => {
    await ctx.call('POST', '/test/faults', { method: 'get', path: '/api/content/*', status: 503, message: 'Service Unavailable', times: 2 });
    expect((await note()).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await ctx.call('GET', `/api/content/Notes?tenant=${tenant}`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await ctx.call('GET', '/test/faults')).body.data).toEqual([]);
  });

  test('dropConnection closes the socket without an answer, and the request log says so', async () => {
    await ctx.call('POST', '/test/faults', { preset: 'dropConnection', path: '/api/definition/*' });
    await expect(ctx.call('GET', '/api/definition/User')).rejects.toThrow(/fetch failed/);
    expect(served()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/definition/User', status: 0, injected: 'drop' })]);
    expect((await ctx.call('GET', '/api/definition/User')).status).toBe(200);
  });

  test('a delay alone lets the request through to its usual answer, marked as delayed', async () => {
    await ctx.call('POST', '/test/faults', { preset: 'slow', delayMs: 20 });
    expect((await ctx.call('GET', '/api/definition/User')).status).toBe(200);
    expect(served()).toEqual([expect.objectContaining({ status: 200, injected: 'delay' })]);
  });

  test('clearing the faults releases a request that is being delayed at once', async () => {
    await ctx.call('POST', '/test/faults', { delayMs: 60_000 });
    const delayed = ctx.call('GET', '/api/definition/User');
    while ((await ctx.call('GET', '/test/faults')).body.data.length > 0) await new Promise((resolve) => setImmediate(resolve));
    expect((await ctx.call('DELETE', '/test/faults')).body.data).toEqual({ cleared: true });
    expect((await delayed).status).toBe(200);
  });

  test('unauthorized on /graphql answers with the service\'s GraphQL body; a reset disarms every fault', async () => {
    await ctx.call('POST', '/test/faults', [{ preset: 'unauthorized', path: '/graphql', times: 'always' }, { status: 500, path: '/api/*', times: 'always' }]);
    for (let i = 0; i < 2; i += 1) {
      const response = await ctx.call('POST', '/graphql', { query: '{ __typename }' });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'Unauthorized: missing or invalid mesh secret' });
    }
    expect((await ctx.call('GET', '/api/definition/User')).body).toEqual({ success: false, error: { message: 'Internal Server Error' } });
    await ctx.call('POST', '/test/reset-db');
    expect((await ctx.call('POST', '/graphql', { query: '{ __typename }' })).status).toBe(200);
    expect((await ctx.call('GET', '/api/definition/User')).status).toBe(200);
  });

  test('/test is never faulted, and /test/faults needs a credential', async () => {
    expect((await ctx.call('POST', '/test/faults', { path: '*', status: 500, times: 'always' })).status).toBe(200);
    expect((await ctx.call('GET', '/test/faults')).status).toBe(200);
    expect((await ctx.call('GET', '/health')).status).toBe(500);
    expect((await wire(ctx.server, {})('POST', '/test/faults', { status: 500 })).status).toBe(401);
  });

  test('a bad fault is a 400 BAD_FAULT naming every wrong field', async () => {
    const response = await ctx.call('POST', '/test/faults', { status: 200, delayMs: -1, times: 0, preset: 'flaky', paht: '/api' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_FAULT');
    expect(response.body.error.details.problems).toEqual([
      'body.paht is not a fault field; fields are preset, method, path, type, status, code, message, drop, delayMs, times',
      'body.preset must be one of "missingDefinition" | "unauthorized" | "dropConnection" | "slow", got "flaky"',
      'body.status must be an HTTP error status from 400 to 599, got number 200',
      'body.delayMs must be an integer from 0 to 60000, got number -1',
      'body.times must be an integer from 1 to 1000000 or "always", got number 0',
    ]);
    expect((await ctx.call('POST', '/test/faults', { method: 'GET' })).body.error.message).toBe('body does nothing: give a status, drop: true or a delayMs (or a preset)');
  });
});
