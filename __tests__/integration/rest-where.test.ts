import { randomUUID } from 'node:crypto';
import { registerTenant, useServer, where } from '../support/http';

const ctx = useServer();

describe('GET /api/content/:type with where, limit and offset', () => {
  let tenant: string;
  const alice = randomUUID();
  const bob = randomUUID();
  const ids: Record<string, string> = {};

  const list = async (filter: unknown, extra = '') => {
    const response = await ctx.call('GET', `/api/content/HtmlGeneration?tenant=${tenant}&where=${where(filter)}${extra}`);
    if (response.status !== 200) throw new Error(response.text);
    return response.body as { data: Array<{ _id: string; title: string }>; total: number; hasMore: boolean };
  };
  const titles = async (filter: unknown) => (await list(filter)).data.map((item) => item.title);

  beforeAll(async () => {
    tenant = await registerTenant(ctx.call);
    const apps = [
      { title: 'Snake Game', contentType: 'game', createdBy: alice, tags: ['retro', 'arcade'], meta: { level: 3 } },
      { title: 'Budget App', contentType: 'app', createdBy: alice, tags: ['money'], meta: { level: 1 } },
      { title: "O'Brien's 100%_tool \\ backslash", contentType: 'tool', createdBy: bob, tags: [], meta: { level: 2 } },
      { title: 'Quiz', contentType: 'interactive', createdBy: bob, tags: ['retro', 'quiz'], meta: { level: 5 } },
    ];
    for (const app of apps) {
      const response = await ctx.call('POST', `/api/content/HtmlGeneration?tenant=${tenant}`, {
        content: { ...app, htmlContent: '<p>x</p>', userRequest: 'make it', tenantId: tenant },
      });
      ids[app.title] = response.body.data._id;
    }
  });

  test("the bot's query: AND of indexer tenant and parent_id user", async () => {
    expect(await titles({ AND: [{ indexer: { path: 'tenantId', equals: tenant } }, { parent_id: { eq: alice } }] })).toEqual(['Snake Game', 'Budget App']);
  });

  test('rows come oldest first; total counts all matches; hasMore tells if more lie beyond', async () => {
    const first = await list({ indexer: { path: 'tenantId', eq: tenant } }, '&limit=1');
    expect(first.data.map((i) => i.title)).toEqual(['Snake Game']);
    expect(first.total).toBe(4);
    expect(first.hasMore).toBe(true);
    const last = await list({ indexer: { path: 'tenantId', eq: tenant } }, '&limit=2&offset=2');
    expect(last.data.map((i) => i.title)).toEqual(["O'Brien's 100%_tool \\ backslash", 'Quiz']);
    expect(last.hasMore).toBe(false);
    const beyond = await list({ indexer: { path: 'tenantId', eq: tenant } }, '&offset=10');
    expect(beyond).toMatchObject({ data: [], total: 4, hasMore: false });
  });

  test('indexer operators', async () => {
    expect(await titles({ indexer: { path: 'contentType', ne: 'game' } })).toEqual(['Budget App', "O'Brien's 100%_tool \\ backslash", 'Quiz']);
    expect(await titles({ indexer: { path: 'title', contains: 'GAME' } })).toEqual(['Snake Game']);
    expect(await titles({ indexer: { path: 'title', contains: '100%_' } })).toEqual(["O'Brien's 100%_tool \\ backslash"]);
    expect(await titles({ indexer: { path: 'title', contains: '%' } })).toEqual(["O'Brien's 100%_tool \\ backslash"]);
    expect(await titles({ indexer: { path: 'tags', has: 'retro' } })).toEqual(['Snake Game', 'Quiz']);
    expect(await titles({ indexer: { path: 'tags', hasSome: ['money', 'quiz'] } })).toEqual(['Budget App', 'Quiz']);
    expect(await titles({ indexer: { path: 'tags', hasEvery: ['retro', 'arcade'] } })).toEqual(['Snake Game']);
    expect(await titles({ indexer: { path: 'tags', hasNone: ['retro'] } })).toEqual(['Budget App', "O'Brien's 100%_tool \\ backslash"]);
    expect(await titles({ indexer: { path: 'tags', hasKey: 'money' } })).toEqual(['Budget App']);
    expect(await titles({ indexer: { path: 'tags', hasAnyKeys: ['arcade', 'quiz'] } })).toEqual(['Snake Game', 'Quiz']);
    expect(await titles({ indexer: { path: 'tags', hasAllKeys: ['retro', 'quiz'] } })).toEqual(['Quiz']);
    expect(await titles({ indexer: { path: 'tags', containedBy: ['retro', 'arcade', 'money'] } })).toEqual(['Snake Game', 'Budget App', "O'Brien's 100%_tool \\ backslash"]);
    expect(await titles({ indexer: { path: 'tags', typed: 'array' } })).toHaveLength(4);
    expect(await titles({ indexer: { path: 'title', typed: 'array' } })).toEqual([]);
  });

  test('an exact match on a value with quotes, percent, underscore and backslash', async () => {
    expect(await titles({ indexer: { path: 'title', eq: "O'Brien's 100%_tool \\ backslash" } })).toEqual(["O'Brien's 100%_tool \\ backslash"]);
    expect(await titles({ indexer: { path: 'title', eq: "O'Brien's 100%_tool \\\\ backslash" } })).toEqual([]);
  });

  test('AND / OR nest, in either case', async () => {
    const filter = { or: [{ AND: [{ parent_id: { eq: bob } }, { indexer: { path: 'contentType', eq: 'interactive' } }] }, { indexer: { path: 'title', eq: 'Budget App' } }] };
    expect(await titles(filter)).toEqual(['Budget App', 'Quiz']);
  });

  test('parent_id {eq: "any"} means no filter', async () => {
    expect(await titles({ AND: [{ parent_id: { eq: 'any' } }, { indexer: { path: 'tenantId', eq: tenant } }] })).toHaveLength(4);
    // as in GraphQL, other operators beside it still apply
    expect(await titles({ AND: [{ parent_id: { eq: 'any', ne: alice } }, { indexer: { path: 'tenantId', eq: tenant } }] })).toHaveLength(2);
  });

  test('column operators and plain values', async () => {
    expect(await titles({ page_id: ids['Quiz'] })).toEqual(['Quiz']);
    expect(await titles({ page_id: { in: [ids['Quiz'], ids['Budget App']] } })).toEqual(['Budget App', 'Quiz']);
    expect(await titles({ AND: [{ parent_id: { nin: [alice] } }, { indexer: { path: 'tenantId', eq: tenant } }] })).toEqual(["O'Brien's 100%_tool \\ backslash", 'Quiz']);
    expect(await titles({ AND: [{ parent_id: { ne: alice } }, { indexer: { path: 'tenantId', eq: tenant } }] })).toHaveLength(2);
    expect(await titles({ AND: [{ type: { startsWith: 'Html' } }, { type: { endsWith: 'tion' } }, { type: { like: 'Html%' } }, { parent_id: alice }] })).toHaveLength(2);
    expect(await titles({ AND: [{ createdAt: { lte: new Date(Date.now() + 60_000).toISOString() } }, { parent_id: bob }] })).toHaveLength(2);
    expect(await titles({ AND: [{ createdAt: { gt: new Date(Date.now() + 60_000).toISOString() } }, { parent_id: bob }] })).toEqual([]);
  });

  test('dotted content paths compare JSON values', async () => {
    expect(await titles({ 'content.meta.level': { gte: 3 } })).toEqual(['Snake Game', 'Quiz']);
    expect(await titles({ 'content.meta.level': { between: [2, 3] } })).toEqual(['Snake Game', "O'Brien's 100%_tool \\ backslash"]);
    expect(await titles({ 'content.title': 'Quiz' })).toEqual(['Quiz']);
    expect(await titles({ 'content.title': { contains: 'App' } })).toEqual(['Budget App']);
    expect(await titles({ 'content.contentType': { in: ['game', 'tool'] } })).toEqual(['Snake Game', "O'Brien's 100%_tool \\ backslash"]);
  });

  test('a text filter on a JSON column sees it printed as PostgreSQL prints jsonb', async () => {
    expect(await titles({ content: { contains: '"contentType": "game"' } })).toEqual(['Snake Game']);
    expect(await titles({ content: { contains: '"contentType":"game"' } })).toEqual([]);
    expect(await titles({ content: { contains: { meta: { level: 5 } } } })).toEqual(['Quiz']);
  });

  test('page_id query parameter selects one record', async () => {
    const response = await ctx.call('GET', `/api/content/HtmlGeneration?tenant=${tenant}&page_id=${ids['Quiz']}&limit=1`);
    expect(response.body.data.map((i: any) => i.title)).toEqual(['Quiz']);
  });

  test.each([
    ['not JSON', '%7Bnope'],
    ['an array', where([1])],
    ['an unknown field', where({ color: 'red' })],
    ['an unknown indexer operator', where({ indexer: { path: 'title', like: 'x' } })],
    ['an indexer filter without path', where({ indexer: { eq: 'x' } })],
    ['an indexer filter without operator', where({ indexer: { path: 'title' } })],
    ['an empty AND', where({ AND: [] })],
    ['OR that is not an array', where({ OR: { a: 1 } })],
    ['an unknown column operator', where({ page_id: { regex: '.*' } })],
    ['a non-UUID page_id', where({ page_id: { eq: "1' OR '1'='1" } })],
    ['between with one value', where({ 'content.meta.level': { between: [1] } })],
    ['contains with a number', where({ indexer: { path: 'title', contains: 5 } })],
    ['an ordered comparison of ids', where({ page_id: { gt: randomUUID() } })],
  ])('where that is %s is a 400 BAD_WHERE that says what is wrong', async (_label, encoded) => {
    const response = await ctx.call('GET', `/api/content/HtmlGeneration?tenant=${tenant}&where=${encoded}`);
    expect(response.status).toBe(400);
    expect(response.body.success).toBe(false);
    expect(response.body.error.code).toBe('BAD_WHERE');
    expect(response.body.error.message).toMatch(/where/);
  });

  test.each(['limit=0', 'limit=-1', 'limit=abc', 'offset=-5', 'limit=1&limit=2'])('bad paging %s is a 400 naming the parameter', async (query) => {
    const response = await ctx.call('GET', `/api/content/HtmlGeneration?tenant=${tenant}&${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/limit|offset/);
  });

  test('limit defaults to 25', async () => {
    const bulk = await registerTenant(ctx.call);
    for (let i = 0; i < 30; i++) {
      await ctx.call('POST', `/api/content/Notes?tenant=${bulk}`, { content: { title: `n${i}`, mode: 'work', tenantId: bulk } });
    }
    const page = await ctx.call('GET', `/api/content/Notes?tenant=${bulk}&where=${where({ indexer: { path: 'tenantId', eq: bulk } })}`);
    expect(page.body.data).toHaveLength(25);
    expect(page.body).toMatchObject({ total: 30, hasMore: true });
  });
});
