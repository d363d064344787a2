import { randomUUID } from 'node:crypto';
import { registerTenant, useServer, where } from '../support/http';

const ctx = useServer();

describe('REST content CRUD (contract: /api/content)', () => {
  let tenant: string;
  let user: string;
  const note = (extra: Record<string, unknown> = {}) => ({ title: 'Groceries', mode: 'personal', tenantId: tenant, userId: user, content: 'milk', ...extra });

  beforeAll(async () => {
    tenant = await registerTenant(ctx.call);
    user = randomUUID();
  });

  test('create returns the stored content with _id, and get returns it again', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note() });
    expect(created.status).toBe(200);
    expect(created.body.success).toBe(true);
    expect(created.body.data).toEqual({ ...note(), _id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const fetched = await ctx.call('GET', `/api/content/Notes/${created.body.data._id}?tenant=${tenant}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual({ success: true, data: created.body.data });
  });

  test('content._id becomes the record id', async () => {
    const id = randomUUID();
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note({ _id: id }) });
    expect(created.body.data._id).toBe(id);
    expect((await ctx.call('GET', `/api/content/Notes/${id}?tenant=${tenant}`)).body.data.title).toBe('Groceries');
  });

  test('the indexer holds the definition fields, nested for dotted paths, and parent_id comes from userId', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note({ sourceFile: { type: 'pdf', name: 'a.pdf' } }) });
    const id = created.body.data._id;
    const byIndexer = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'sourceFile.type', eq: 'pdf' } })}`);
    expect(byIndexer.body.data.map((i: any) => i._id)).toEqual([id]);
    // `content` is not an indexer field of Notes, so an indexer filter on it finds nothing.
    const notIndexed = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'content', eq: 'milk' } })}`);
    expect(notIndexed.body.data).toEqual([]);
    const byParent = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ parent_id: { eq: user } })}`);
    expect(byParent.body.data.map((i: any) => i._id)).toContain(id);
  });

  test('a missing definition is the contract 500 CONTENT_CREATE_ERR with the exact message', async () => {
    const response = await ctx.call('POST', `/api/content/Unknown?tenant=${tenant}`, { content: { a: 1 } });
    expect(response.status).toBe(500);
    expect(response.body.error).toMatchObject({ code: 'CONTENT_CREATE_ERR', message: 'Internal error: Content definition for type "Unknown" not found.' });
  });

  test('a tenant-scoped type without a tenant is not found, with a hint', async () => {
    const response = await ctx.call('POST', '/api/content/Notes', { content: note() });
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('CONTENT_CREATE_ERR');
    expect(response.body.error.details.hint).toMatch(/tenant/);
  });

  test('a parent field that is not a UUID is a 500 CONTENT_CREATE_ERR naming the field', async () => {
    const response = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note({ userId: 'not-a-uuid' }) });
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('CONTENT_CREATE_ERR');
    expect(response.body.error.message).toMatch(/content\.userId must be a UUID/);
  });

  test('PATCH or PUT with a parent field that is not a UUID is a 400 naming the field', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note() });
    for (const method of ['PATCH', 'PUT']) {
      const response = await ctx.call(method, `/api/content/Notes/${created.body.data._id}?tenant=${tenant}`, { content: note({ userId: 'bob' }) });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'INVALID_PARENT_ID', message: expect.stringContaining('content.userId must be a UUID') });
    }
  });

  test('content breaking its jsonSchema is stored anyway, as by the service', async () => {
    const response = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { tenantId: tenant, mode: 'holiday' } });
    expect(response.status).toBe(200);
  });

  test('no content: 400 "Missing type or content" with no code, as the service; content not an object: 400', async () => {
    const missing = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ success: false, error: { message: 'Missing type or content' } });
    const array = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: [1, 2] });
    expect(array.status).toBe(400);
    expect(array.body.error.code).toBe('INVALID_CONTENT');
  });

  test('platform types need no tenant', async () => {
    const response = await ctx.call('POST', '/api/content/User', { content: { email: 'a@example.com', name: 'A' } });
    expect(response.status).toBe(200);
  });

  test('get: 404 "Content not found", no code (as the service), for an unknown id, a non-UUID id, or the wrong type', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note() });
    for (const path of [`/api/content/Notes/${randomUUID()}`, '/api/content/Notes/not-a-uuid', `/api/content/HtmlGeneration/${created.body.data._id}`]) {
      const response = await ctx.call('GET', `${path}?tenant=${tenant}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ success: false, error: { message: 'Content not found' } });
    }
  });

  test('PATCH merges shallowly: nested objects and arrays replaced whole, null stored, indexer merged', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note({ sourceFile: { type: 'pdf', name: 'a.pdf' }, tags: ['a', 'b'] }) });
    const id = created.body.data._id;
    const patched = await ctx.call('PATCH', `/api/content/Notes/${id}?tenant=${tenant}`, { content: { title: 'Renamed', sourceFile: { type: 'doc' }, tags: ['c'], content: null } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toEqual({ ...note(), _id: id, title: 'Renamed', sourceFile: { type: 'doc' }, tags: ['c'], content: null });
    const byNewTitle = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ AND: [{ indexer: { path: 'title', eq: 'Renamed' } }, { indexer: { path: 'sourceFile.type', eq: 'doc' } }, { indexer: { path: 'mode', eq: 'personal' } }] })}`);
    expect(byNewTitle.body.data.map((i: any) => i._id)).toEqual([id]);
  });

  test('PUT replaces: fields not sent are gone and the indexer is rebuilt', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note({ normalizedTitle: 'groceries' }) });
    const id = created.body.data._id;
    const replaced = await ctx.call('PUT', `/api/content/Notes/${id}?tenant=${tenant}`, { content: { title: 'Only', mode: 'work', tenantId: tenant } });
    expect(replaced.body.data).toEqual({ title: 'Only', mode: 'work', tenantId: tenant, _id: id });
    const oldIndexer = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'normalizedTitle', eq: 'groceries' } })}`);
    expect(oldIndexer.body.data.map((i: any) => i._id)).not.toContain(id);
  });

  test('PATCH and PUT: 400 without content, 404 when absent', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note() });
    for (const method of ['PATCH', 'PUT']) {
      expect((await ctx.call(method, `/api/content/Notes/${created.body.data._id}?tenant=${tenant}`, {})).status).toBe(400);
      const absent = await ctx.call(method, `/api/content/Notes/${randomUUID()}?tenant=${tenant}`, { content: { title: 'x' } });
      expect(absent.status).toBe(404);
      expect(absent.body).toEqual({ success: false, error: { message: 'Content not found' } });
    }
  });

  test('DELETE: 200 {deleted:true}, then 404; 400 BAD_TYPE_ID for unsafe characters', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note() });
    const path = `/api/content/Notes/${created.body.data._id}?tenant=${tenant}`;
    expect((await ctx.call('DELETE', path)).body).toEqual({ success: true, data: { deleted: true } });
    const again = await ctx.call('DELETE', path);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ success: false, error: { message: 'Content not found' } });
    expect((await ctx.call('GET', path)).status).toBe(404);
    for (const bad of ['/api/content/Notes/abc%20def', "/api/content/No'tes/abc", '/api/content/Notes/a.b']) {
      const response = await ctx.call('DELETE', bad);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BAD_TYPE_ID');
    }
  });
});
