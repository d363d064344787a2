import { randomUUID } from 'node:crypto';
import { startMeshServer } from '../../src/server';
import { registerTenant, useServer, where, type WireResponse } from '../support/http';

const ctx = useServer();

interface GraphqlError { message: string; extensions?: { code?: string } }
type GraphqlReply = WireResponse<{ data?: any; errors?: GraphqlError[] }>;

const gql = (query: string, variables?: Record<string, unknown>): Promise<GraphqlReply> =>
  ctx.call('POST', '/graphql', { query, variables });

/** The data of a reply that must have no errors. */
async function data(query: string, variables?: Record<string, unknown>): Promise<any> {
  const reply = await gql(query, variables);
  if (reply.body.errors) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(reply.body.errors)}`);
  expect(reply.status).toBe(200);
  return reply.body.data;
}

/** The first error of a reply that must fail. */
async function firstError(query: string, variables?: Record<string, unknown>): Promise<GraphqlError> {
  const reply = await gql(query, variables);
  expect(reply.body.errors?.length).toBeGreaterThan(0);
  return reply.body.errors![0]!;
}

const FIELDS = 'id block_id page_id parent_id type content indexer order version';
const CREATE = `mutation ($input: NotionModelInput!) { createNotionModel(input: $input) { ${FIELDS} } }`;
const BULK = `mutation ($inputs: [NotionModelInput!]!) { bulkCreateNotionModel(inputs: $inputs) { ${FIELDS} } }`;
const LIST = `query ($where: NotionModelFilter, $orderBy: [OrderByInput!], $limit: Int, $offset: Int) {
  notionModel(where: $where, orderBy: $orderBy, limit: $limit, offset: $offset) { ${FIELDS} } }`;
const BY_PAGE = `query ($id: String!) { notionModelByPageId(page_id: $id) { ${FIELDS} } }`;

const create = async (input: Record<string, unknown>) => (await data(CREATE, { input })).createNotionModel;
const bulk = async (inputs: Record<string, unknown>[]) => (await data(BULK, { inputs })).bulkCreateNotionModel as any[];
const list = async (variables: Record<string, unknown>) => (await data(LIST, variables)).notionModel as any[];

/** A content type no other test writes, so each test sees only its own rows. */
const freshType = () => `Gql${randomUUID().replace(/-/g, '').slice(0, 12)}`;

describe('GraphQL queries and mutations (contract: POST /graphql)', () => {
  test('createNotionModel stores the row with a generated page_id; notionModelByPageId finds it', async () => {
    const type = freshType();
    const created = await create({ type, content: { title: 'a', nested: { x: [1, 2] } }, indexer: { title: 'a' }, order: 3, version: 'v1' });
    expect(created).toEqual({
      id: expect.any(Number), block_id: expect.stringMatching(/^[0-9a-f-]{36}$/), page_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      parent_id: null, type, content: { title: 'a', nested: { x: [1, 2] } }, indexer: { title: 'a' }, order: 3, version: 'v1',
    });
    expect((await data(BY_PAGE, { id: created.page_id })).notionModelByPageId).toEqual(created);
    expect((await data(BY_PAGE, { id: randomUUID() })).notionModelByPageId).toBeNull();
    expect((await data(BY_PAGE, { id: 'not-a-uuid' })).notionModelByPageId).toBeNull();
  });

  test('content given as a JSON string is stored parsed; page_id and parent_id are kept as sent', async () => {
    const pageId = randomUUID();
    const parentId = randomUUID();
    const created = await create({ type: freshType(), page_id: pageId, parent_id: parentId, content: JSON.stringify({ a: 'x"y', n: 1 }) });
    expect(created).toMatchObject({ page_id: pageId, parent_id: parentId, content: { a: 'x"y', n: 1 }, indexer: {} });
  });

  test('inline literals reach the JSON scalar: objects, lists, numbers, null, booleans and variables', async () => {
    const type = freshType();
    const result = await data(`mutation ($v: String) { createNotionModel(input: {
      type: "${type}", content: { s: "x", i: 2, f: 1.5, b: true, n: null, l: [1, { k: $v }], e: ENUMISH } }) { content } }`, { v: 'var' });
    expect(result.createNotionModel.content).toEqual({ s: 'x', i: 2, f: 1.5, b: true, n: null, l: [1, { k: 'var' }], e: 'ENUMISH' });
  });

  test('bulkCreateNotionModel creates every row, and a bad input creates none', async () => {
    const type = freshType();
    const rows = await bulk([{ type, content: { n: 1 } }, { type, content: '{"n":2}' }]);
    expect(rows.map((row) => row.content)).toEqual([{ n: 1 }, { n: 2 }]);
    const error = await firstError(BULK, { inputs: [{ type, content: { n: 3 } }, { type, page_id: 'nope', content: {} }] });
    expect(error.extensions?.code).toBe('BAD_INPUT');
    expect(error.message).toContain('inputs[1].page_id');
    expect(await list({ where: { type: { eq: type } } })).toHaveLength(2);
  });

  test('updateNotionModel merges content and indexer shallowly; nested values are replaced, null is stored', async () => {
    const type = freshType();
    const row = await create({ type, content: { a: 1, b: { x: 1, y: 2 }, c: 'keep' }, indexer: { a: 1, k: 'keep' } });
    const updated = (await data(`mutation ($id: String!, $input: NotionModelInput!) { updateNotionModel(block_id: $id, input: $input) { ${FIELDS} } }`,
      { id: row.block_id, input: { type, content: { a: 2, b: { x: 9 }, d: null }, indexer: { a: 2 }, version: 'v2' } })).updateNotionModel;
    expect(updated).toMatchObject({
      block_id: row.block_id, page_id: row.page_id, content: { a: 2, b: { x: 9 }, c: 'keep', d: null }, indexer: { a: 2, k: 'keep' }, version: 'v2',
    });
  });

  test('replaceNotionModel replaces content whole; the indexer is replaced only when sent', async () => {
    const type = freshType();
    const row = await create({ type, content: { a: 1, b: 2 }, indexer: { a: 1 } });
    const REPLACE = `mutation ($id: String!, $input: NotionModelInput!) { replaceNotionModel(block_id: $id, input: $input) { content indexer } }`;
    expect((await data(REPLACE, { id: row.block_id, input: { type, content: { c: 3 } } })).replaceNotionModel).toEqual({ content: { c: 3 }, indexer: { a: 1 } });
    expect((await data(REPLACE, { id: row.block_id, input: { type, content: '{"d":4}', indexer: { d: 4 } } })).replaceNotionModel)
      .toEqual({ content: { d: 4 }, indexer: { d: 4 } });
  });

  test('update and replace of an unknown block_id fail with NOT_FOUND, as on the service', async () => {
    for (const mutation of ['updateNotionModel', 'replaceNotionModel']) {
      const reply = await gql(`mutation ($id: String!) { ${mutation}(block_id: $id, input: { type: "X", content: {} }) { id } }`, { id: randomUUID() });
      expect(reply.body.data).toEqual({ [mutation]: null });
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  test('deleteNotionModel answers true once, then false; a block_id that is not a UUID is BAD_INPUT', async () => {
    const row = await create({ type: freshType(), content: {} });
    const DELETE = 'mutation ($id: String!) { deleteNotionModel(block_id: $id) }';
    expect((await data(DELETE, { id: row.block_id })).deleteNotionModel).toBe(true);
    expect((await data(DELETE, { id: row.block_id })).deleteNotionModel).toBe(false);
    expect((await data(BY_PAGE, { id: row.page_id })).notionModelByPageId).toBeNull();
    const error = await firstError(DELETE, { id: "x' OR 1=1 --" });
    expect(error.extensions?.code).toBe('BAD_INPUT');
    expect(error.message).toContain('block_id');
  });

  test('parentData is the row whose block_id is the parent_id (as the service resolves it), else null', async () => {
    const type = freshType();
    const parent = await create({ type, content: { role: 'parent' } });
    const [a, b, orphan] = await bulk([
      { type, parent_id: parent.block_id, content: { role: 'a' } },
      { type, parent_id: parent.block_id, content: { role: 'b' } },
      { type, parent_id: randomUUID(), content: { role: 'orphan' } },
    ]);
    const rows = (await data(`query ($t: String) { notionModel(where: { type: { eq: $t } }) {
      page_id content parentData { block_id content parentData { block_id } } } }`, { t: type })).notionModel;
    const byPage = new Map(rows.map((row: any) => [row.page_id, row]));
    expect(byPage.get(parent.page_id)).toMatchObject({ parentData: null });
    expect(byPage.get(a.page_id)).toMatchObject({ parentData: { block_id: parent.block_id, content: { role: 'parent' }, parentData: null } });
    expect(byPage.get(b.page_id)).toMatchObject({ parentData: { block_id: parent.block_id } });
    expect(byPage.get(orphan.page_id)).toMatchObject({ parentData: null });
  });
});

describe('NotionModelFilter', () => {
  let type: string;
  let rows: any[];
  const tricky = ["50% off", 'snake_case', "it's", 'back\\slash', 'plain'];

  beforeAll(async () => {
    type = freshType();
    rows = await bulk(tricky.map((title, index) => ({
      type,
      parent_id: index < 2 ? '11111111-1111-4111-8111-111111111111' : null,
      content: { title, stats: { score: index * 10, label: index % 2 ? 'odd' : 'even' }, tags: index === 0 ? ['red', 'blue'] : ['green'] },
      indexer: { title, tags: index === 0 ? ['red', 'blue'] : ['green'], meta: { level: index }, ...(index === 4 ? { extra: true } : {}) },
      order: 100 - index,
      version: `v${index}`,
    })));
  });

  /** Titles of this suite's rows that match `filter` (AND-ed with the suite's type), oldest first. */
  const titles = async (filter: Record<string, unknown>) =>
    (await list({ where: { AND: [{ type: { eq: type } }, filter] } })).map((row) => row.content.title);

  test('id: eq, ne, in, lt, lte, gt, gte', async () => {
    const ids = rows.map((row) => row.id);
    expect(await titles({ id: { eq: ids[1] } })).toEqual([tricky[1]]);
    expect(await titles({ id: { ne: ids[1] } })).toEqual(tricky.filter((_, i) => i !== 1));
    expect(await titles({ id: { in: [ids[0], ids[4]] } })).toEqual([tricky[0], tricky[4]]);
    expect(await titles({ id: { lt: ids[2] } })).toEqual(tricky.slice(0, 2));
    expect(await titles({ id: { lte: ids[2] } })).toEqual(tricky.slice(0, 3));
    expect(await titles({ id: { gt: ids[2] } })).toEqual(tricky.slice(3));
    expect(await titles({ id: { gte: ids[2], lt: ids[4] } })).toEqual(tricky.slice(2, 4));
  });

  test('order (int) and version, type (string): eq, ne, in, contains, startsWith, endsWith, like', async () => {
    expect(await titles({ order: { gte: 98 } })).toEqual(tricky.slice(0, 3));
    expect(await titles({ version: { in: ['v0', 'v3'] } })).toEqual([tricky[0], tricky[3]]);
    expect(await titles({ version: { ne: 'v0' } })).toHaveLength(4);
    expect(await titles({ version: { like: 'v_' } })).toHaveLength(5);
    expect(await titles({ type: { startsWith: type.slice(0, 6), endsWith: type.slice(-4), contains: type.slice(3, 8) } })).toHaveLength(5);
  });

  test('content (string filters on the JSON text): %, _, quotes and backslashes are plain characters', async () => {
    expect(await titles({ content: { contains: '50% off' } })).toEqual([tricky[0]]);
    expect(await titles({ content: { contains: '%' } })).toEqual([tricky[0]]);
    expect(await titles({ content: { contains: 'snake_case' } })).toEqual([tricky[1]]);
    expect(await titles({ content: { contains: '_' } })).toEqual([tricky[1]]);
    expect(await titles({ content: { contains: "it's" } })).toEqual([tricky[2]]);
    // JSON text escapes a backslash as two.
    expect(await titles({ content: { contains: 'back\\\\slash' } })).toEqual([tricky[3]]);
    expect(await titles({ content: { startsWith: '{' , endsWith: '}' } })).toHaveLength(5);
    // like keeps its wildcards: the pattern is the caller's.
    expect(await titles({ content: { like: '%snake_case%' } })).toEqual([tricky[1]]);
    expect(await titles({ content: { contains: "' OR 1=1 --" } })).toEqual([]);
  });

  test('page_id, block_id and parent_id: eq, in, ne; parent_id eq "any" means no filter', async () => {
    expect(await titles({ page_id: { eq: rows[2].page_id } })).toEqual([tricky[2]]);
    expect(await titles({ block_id: { in: [rows[3].block_id, rows[4].block_id] } })).toEqual(tricky.slice(3));
    expect(await titles({ parent_id: { eq: '11111111-1111-4111-8111-111111111111' } })).toEqual(tricky.slice(0, 2));
    expect(await titles({ parent_id: { eq: null } })).toEqual(tricky.slice(2));
    expect(await titles({ parent_id: { eq: 'any' } })).toHaveLength(5);
  });

  test('contentJsonb: dotted paths with eq, ne, gt, gte, lt, lte, in, contains', async () => {
    expect(await titles({ contentJsonb: { path: 'stats.score', eq: 20 } })).toEqual([tricky[2]]);
    expect(await titles({ contentJsonb: { path: 'stats.label', eq: 'odd' } })).toEqual([tricky[1], tricky[3]]);
    expect(await titles({ contentJsonb: { path: 'stats.label', ne: 'odd' } })).toEqual([tricky[0], tricky[2], tricky[4]]);
    expect(await titles({ contentJsonb: { path: 'stats.score', gt: 20 } })).toEqual(tricky.slice(3));
    expect(await titles({ contentJsonb: { path: 'stats.score', gte: 20, lte: 30 } })).toEqual(tricky.slice(2, 4));
    expect(await titles({ contentJsonb: { path: 'stats.score', lt: 10 } })).toEqual([tricky[0]]);
    expect(await titles({ contentJsonb: { path: 'stats.score', in: [0, 40] } })).toEqual([tricky[0], tricky[4]]);
    expect(await titles({ contentJsonb: { path: 'tags', contains: ['blue'] } })).toEqual([tricky[0]]);
    expect(await titles({ contentJsonb: { path: 'title', contains: '%' } })).toEqual([tricky[0]]);
  });

  test('indexer: the REST operators with dotted paths, and not', async () => {
    expect(await titles({ indexer: { path: 'title', equals: "it's" } })).toEqual([tricky[2]]);
    expect(await titles({ indexer: { path: 'meta.level', eq: 3 } })).toEqual([tricky[3]]);
    expect(await titles({ indexer: { path: 'title', contains: 'SNAKE' } })).toEqual([tricky[1]]);
    expect(await titles({ indexer: { path: 'tags', has: 'red' } })).toEqual([tricky[0]]);
    expect(await titles({ indexer: { path: 'tags', hasSome: ['blue', 'nope'] } })).toEqual([tricky[0]]);
    expect(await titles({ indexer: { path: 'tags', hasEvery: ['red', 'blue'] } })).toEqual([tricky[0]]);
    expect(await titles({ indexer: { path: 'tags', hasNone: ['red'] } })).toHaveLength(4);
    expect(await titles({ indexer: { path: 'meta', hasKey: 'level' } })).toHaveLength(5);
    expect(await titles({ indexer: { path: 'meta.level', hasKey: 'x', not: { path: 'meta.level', eq: 2 } } })).toEqual([]);
    expect(await titles({ indexer: { path: 'extra', eq: true } })).toEqual([tricky[4]]);
    expect(await titles({ indexer: { path: 'tags', not: { path: 'tags', has: 'red' } } })).toEqual(tricky.slice(1));
    expect(await titles({ indexer: { path: 'tags', has: 'green', not: { path: 'meta.level', eq: 1 } } })).toEqual(tricky.slice(2));
    expect(await titles({ indexer: { path: 'tags', has: 'green', not: null } })).toHaveLength(4);
  });

  test('AND and OR nest', async () => {
    const levels = (...values: number[]) => values.map((level) => ({ indexer: { path: 'meta.level', eq: level } }));
    expect(await titles({ OR: levels(0, 4) })).toEqual([tricky[0], tricky[4]]);
    expect(await titles({ OR: [{ AND: levels(1, 1) }, { AND: [{ OR: levels(3, 4) }, { version: { eq: 'v3' } }] }] })).toEqual([tricky[1], tricky[3]]);
    expect(await titles({ AND: [{ OR: levels(0, 1, 2) }, { id: { ne: rows[1].id } }] })).toEqual([tricky[0], tricky[2]]);
  });

  test('filters written inline in the query, not as variables, work the same', async () => {
    const result = await data(`{ notionModel(where: { AND: [{ type: { eq: "${type}" } }, { indexer: { path: "meta.level", hasKey: "x", not: { path: "tags", has: "red" } } }] }) { id } }`);
    expect(result.notionModel).toEqual([]);
    const levels = await data(`{ notionModel(where: { type: { eq: "${type}" }, contentJsonb: { path: "stats.score", gte: 30 } }) { content } }`);
    expect(levels.notionModel.map((row: any) => row.content.title)).toEqual(tricky.slice(3));
  });

  test('orderBy ASC and DESC, several keys; limit and offset page through', async () => {
    const mine = { type: { eq: type } };
    const byOrder = await list({ where: mine, orderBy: [{ field: 'order', direction: 'ASC' }] });
    expect(byOrder.map((row) => row.order)).toEqual([96, 97, 98, 99, 100]);
    const byLabelThenId = await list({ where: mine, orderBy: [{ field: 'version', direction: 'DESC' }, { field: 'id', direction: 'ASC' }] });
    expect(byLabelThenId.map((row) => row.version)).toEqual(['v4', 'v3', 'v2', 'v1', 'v0']);
    const page = await list({ where: mine, orderBy: [{ field: 'order', direction: 'DESC' }], limit: 2, offset: 1 });
    expect(page.map((row) => row.order)).toEqual([99, 98]);
    expect(await list({ where: mine, offset: 5 })).toEqual([]);
  });
});

describe('limit defaults to 100', () => {
  test('without limit at most 100 rows come back; limit 10000 is allowed', async () => {
    const type = freshType();
    await bulk(Array.from({ length: 101 }, (_, n) => ({ type, content: { n } })));
    expect(await list({ where: { type: { eq: type } } })).toHaveLength(100);
    expect(await list({ where: { type: { eq: type } }, limit: 10_000 })).toHaveLength(101);
  });
});

describe('bad input is a GraphQL error with extensions.code and a message naming the field', () => {
  test.each([
    ['an unknown orderBy field', LIST, { orderBy: [{ field: 'title; DROP TABLE notion_blocks', direction: 'ASC' }] }, 'BAD_QUERY', /orderBy\[0\]\.field.*id, block_id, page_id/],
    ['limit 0', LIST, { limit: 0 }, 'BAD_QUERY', /limit must be from 1 to 10000/],
    ['limit above 10000', LIST, { limit: 10_001 }, 'BAD_QUERY', /limit/],
    ['a negative offset', LIST, { offset: -1 }, 'BAD_QUERY', /offset/],
    ['a page_id filter that is not a UUID', LIST, { where: { page_id: { eq: 'nope' } } }, 'BAD_WHERE', /where\.page_id\.eq must be a UUID/],
    ['an empty OR', LIST, { where: { OR: [] } }, 'BAD_WHERE', /where\.OR must be a non-empty list/],
    ['an empty indexer path', LIST, { where: { indexer: { path: '', eq: 1 } } }, 'BAD_WHERE', /where\.indexer: path/],
    ['an indexer filter with no operator', LIST, { where: { AND: [{ indexer: { path: 'a' } }] } }, 'BAD_WHERE', /where\.AND\[0\]\.indexer needs an operator/],
    ['typed, which the service ignores', LIST, { where: { indexer: { path: 'a', not: { path: 'b', typed: { isNull: true } } } } }, 'BAD_WHERE', /where\.indexer\.not\.typed is not applied/],
    ['a not without its own path (the service requires one)', LIST, { where: { indexer: { path: 'a', not: { eq: 1 } } } }, 'BAD_USER_INPUT', /path/],
    ['an unknown indexer operator', LIST, { where: { indexer: { path: 'a', startsWith: 'x' } } }, 'BAD_USER_INPUT', /"startsWith" is not defined by type "JSONFilter"/],
    ['an unknown filter field', LIST, { where: { title: { eq: 'x' } } }, 'BAD_USER_INPUT', /"title" is not defined by type "NotionModelFilter"/],
    ['a direction that is not ASC or DESC', LIST, { orderBy: [{ field: 'id', direction: 'UP' }] }, 'BAD_USER_INPUT', /OrderDirection/],
    ['a page_id that is not a UUID', CREATE, { input: { type: 'T', page_id: 'abc', content: {} } }, 'BAD_INPUT', /input\.page_id must be a UUID/],
    ['a parent_id that is not a UUID', CREATE, { input: { type: 'T', parent_id: 'abc', content: {} } }, 'BAD_INPUT', /input\.parent_id must be a UUID/],
    ['content that is a string but not JSON', CREATE, { input: { type: 'T', content: '{oops' } }, 'BAD_INPUT', /input\.content is a string but not valid JSON/],
    ['content that is an array', CREATE, { input: { type: 'T', content: [1] } }, 'BAD_INPUT', /input\.content must be a JSON object/],
    ['an indexer that is a number', CREATE, { input: { type: 'T', content: {}, indexer: 5 } }, 'BAD_INPUT', /input\.indexer must be a JSON object/],
    ['an empty type', CREATE, { input: { type: ' ', content: {} } }, 'BAD_INPUT', /input\.type/],
    ['a missing content', CREATE, { input: { type: 'T' } }, 'BAD_USER_INPUT', /content/],
  ])('%s', async (_name, query, variables, code, message) => {
    const error = await firstError(query, variables);
    expect(error.extensions?.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  test('an unknown operator written inline fails validation and names it', async () => {
    const error = await firstError('{ notionModel(where: { indexer: { path: "a", bogus: 1 } }) { id } }');
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toContain('"bogus" is not defined by type "JSONFilter"');
  });

  test('no stack traces are sent', async () => {
    const reply = await gql(LIST, { limit: 0 });
    expect(JSON.stringify(reply.body)).not.toContain('stacktrace');
  });
});

describe('REST and GraphQL share one table', () => {
  test('a REST-created Notes record is visible to GraphQL with its indexer and parent, and GraphQL writes show in REST', async () => {
    const tenant = await registerTenant(ctx.call);
    const user = randomUUID();
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: 'From REST', mode: 'work', tenantId: tenant, userId: user } });
    expect(created.status).toBe(200);
    const id = created.body.data._id;
    const row = (await data(BY_PAGE, { id })).notionModelByPageId;
    expect(row).toMatchObject({ type: 'Notes', parent_id: user, content: { title: 'From REST', mode: 'work' }, indexer: { title: 'From REST', tenantId: tenant } });
    const found = await list({ where: { AND: [{ type: { eq: 'Notes' } }, { indexer: { path: 'tenantId', equals: tenant } }, { parent_id: { eq: user } }] } });
    expect(found.map((r) => r.page_id)).toEqual([id]);

    await data('mutation ($id: String!, $input: NotionModelInput!) { updateNotionModel(block_id: $id, input: $input) { id } }',
      { id: row.block_id, input: { type: 'Notes', content: { title: 'From GraphQL' }, indexer: { title: 'From GraphQL' } } });
    const fetched = await ctx.call('GET', `/api/content/Notes/${id}?tenant=${tenant}`);
    expect(fetched.body.data).toMatchObject({ _id: id, title: 'From GraphQL', mode: 'work' });
    const listed = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'title', eq: 'From GraphQL' } })}`);
    expect(listed.body.data.map((item: any) => item._id)).toEqual([id]);

    const made = await create({ type: 'Notes', parent_id: user, content: { title: 'Born in GraphQL', tenantId: tenant }, indexer: { tenantId: tenant } });
    const viaRest = await ctx.call('GET', `/api/content/Notes/${made.page_id}?tenant=${tenant}`);
    expect(viaRest.body.data).toEqual({ _id: made.page_id, title: 'Born in GraphQL', tenantId: tenant });
    await data('mutation ($id: String!) { deleteNotionModel(block_id: $id) }', { id: made.block_id });
    expect((await ctx.call('GET', `/api/content/Notes/${made.page_id}?tenant=${tenant}`)).status).toBe(404);
  });

  test('a DynamicContent row written through GraphQL is a definition REST uses at once', async () => {
    const type = freshType();
    const definition = { name: type, dataModel: { block: type, jsonSchema: { type: 'object', properties: {} }, indexer: ['k'] } };
    await create({ type: 'DynamicContent', content: definition, indexer: { dynamicBlockType: type } });
    const created = await ctx.call('POST', `/api/content/${type}`, { content: { k: 'v' } });
    expect(created.status).toBe(200);
    const row = (await data(BY_PAGE, { id: created.body.data._id })).notionModelByPageId;
    expect(row.indexer).toEqual({ k: 'v' });
  });
});

describe('auth', () => {
  test('without a credential /graphql answers 401 with the service\'s body when auth is enforced', async () => {
    const response = await fetch(`${ctx.server.graphqlUrl}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Unauthorized: missing or invalid mesh secret' });
  });

  test('with auth "off" no credential is needed, and introspection works', async () => {
    const open = await startMeshServer({ auth: 'off' });
    try {
      const response = await fetch(open.graphqlUrl, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __type(name: "NotionModelFilter") { inputFields { name } } }' }),
      });
      expect(response.status).toBe(200);
      const body = await response.json() as any;
      expect(body.data.__type.inputFields.map((field: any) => field.name)).toEqual(
        ['id', 'block_id', 'page_id', 'parent_id', 'type', 'content', 'contentJsonb', 'indexer', 'order', 'version', 'OR', 'AND']);
    } finally {
      await open.close();
    }
  });
});
