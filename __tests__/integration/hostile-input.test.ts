import { registerTenant, useServer, where } from '../support/http';

const ctx = useServer();

const HOSTILE = [
  "Robert'); DROP TABLE notion_blocks;--",
  "it''s '' quoted",
  '100% _under_ score',
  'back\\slash \\\\ double \\n not a newline \\\'',
  'unicode é 日本語 🚀 \u200b zero-width',
  '$1 $2 ::jsonb -- /* comment */',
  '"double" `back` {braces} [brackets]',
];

describe('hostile values round-trip exactly and filter exactly', () => {
  let tenant: string;
  beforeAll(async () => {
    tenant = await registerTenant(ctx.call);
  });

  test.each(HOSTILE)('%s', async (value) => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: value, mode: 'work', tenantId: tenant, body: { [value]: value } } });
    expect(created.status).toBe(200);
    expect(created.body.data.title).toBe(value);
    expect(created.body.data.body).toEqual({ [value]: value });
    const exact = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'title', eq: value } })}`);
    expect(exact.body.data.map((i: any) => i._id)).toEqual([created.body.data._id]);
    const substring = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'title', contains: value.slice(2, 12) } })}`);
    expect(substring.body.data.map((i: any) => i._id)).toContain(created.body.data._id);
    const byContent = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ 'content.title': { eq: value } })}`);
    expect(byContent.body.total).toBe(1);
  });

  test('a 100 KB string round-trips and filters', async () => {
    const big = 'x'.repeat(50_000) + "'%_\\" + 'y'.repeat(50_000);
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: big, mode: 'work', tenantId: tenant } });
    expect(created.status).toBe(200);
    const fetched = await ctx.call('GET', `/api/content/Notes/${created.body.data._id}?tenant=${tenant}`);
    expect(fetched.body.data.title).toBe(big);
    // A 100 KB value does not fit in a URL (Node's 16 KB header limit), so filter on a part of it.
    const found = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'title', contains: "x'%_\\y" } })}`);
    expect(found.body.data.map((i: any) => i._id)).toEqual([created.body.data._id]);
  });

  test('the table survives an injection attempt in every place a string goes', async () => {
    const evil = "x'); DELETE FROM notion_blocks; --";
    const paths = [
      `/api/content/${encodeURIComponent(evil)}?tenant=${tenant}`,
      `/api/content/Notes?tenant=${encodeURIComponent(evil)}`,
      `/api/content/Notes?tenant=${tenant}&where=${where({ [`content.${evil}`]: evil })}`,
      `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: evil, hasKey: evil } })}`,
      `/api/content/Notes/${encodeURIComponent(evil)}?tenant=${tenant}`,
      `/api/definition/${encodeURIComponent(evil)}?tenant=${tenant}`,
    ];
    for (const path of paths) {
      const response = await ctx.call('GET', path);
      expect(response.status).toBeLessThan(500);
    }
    const still = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'tenantId', eq: tenant } })}`);
    expect(still.body.total).toBeGreaterThan(0);
  });
});

describe('malformed requests get a 4xx envelope, never a 500 or a crash', () => {
  test.each([
    ['malformed JSON', '{"content": {', 'INVALID_JSON'],
    ['a JSON string body', '"just a string"', 'INVALID_BODY'],
    ['a JSON array body', '[1,2,3]', 'INVALID_BODY'],
    ['content as a string', '{"content": "text"}', 'INVALID_CONTENT'],
    ['content as null (no code, as the service)', '{"content": null}', undefined],
  ])('%s', async (_label, raw, code) => {
    const response = await ctx.call('POST', '/api/content/User', undefined, raw);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ success: false, error: { message: expect.any(String) } });
    expect(response.body.error.code).toBe(code);
  });

  test('a NUL character in a value is refused with a 400 that names it', async () => {
    const response = await ctx.call('POST', '/api/content/User', { content: { email: 'a\u0000b@example.com' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/NUL/);
  });

  test.each([
    ['a type', '/api/content/No%00tes'],
    ['an id', '/api/content/User/ab%00c'],
    ['a where value', `/api/content/User?where=${where({ 'content.email': 'a\u0000' })}`],
  ])('a NUL character in %s is a 400, not a 500', async (_label, path) => {
    const response = await ctx.call('GET', path);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/NUL/);
  });

  test('a non-UUID _id is a 400 naming content._id', async () => {
    const response = await ctx.call('POST', '/api/content/User', { content: { _id: 'abc', email: 'x' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/content\._id must be a UUID/);
  });

  test('an unknown route is a 404 envelope', async () => {
    const response = await ctx.call('GET', '/api/nothing/here');
    expect(response.status).toBe(404);
    expect(response.body.success).toBe(false);
  });

  test('the server still serves after all of the above', async () => {
    expect((await ctx.call('GET', '/health')).body).toEqual({ status: 'ok' });
  });
});
