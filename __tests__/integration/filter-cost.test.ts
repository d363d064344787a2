import { randomUUID } from 'node:crypto';
import { useServer, where } from '../support/http';

// Issue 8, item 8: filters that used to stall the server (quadratic `in` lists, backtracking LIKE)
// answer correctly at sizes that took seconds to minutes before. No timings are asserted here
// (bench/filter-cost.js measures them); the test timeout is what a stall would hit.
const ctx = useServer();

const TYPE = `FilterCost${randomUUID().replace(/-/g, '').slice(0, 8)}`;
const ROWS = 1000;
const TITLE = 'a'.repeat(200);
const LIST = `query ($where: NotionModelFilter) { notionModel(where: $where, limit: 10000) { id page_id } }`;

const gqlRows = async (filter: Record<string, unknown>): Promise<Array<{ id: number; page_id: string }>> => {
  const reply = await ctx.call('POST', '/graphql', { query: LIST, variables: { where: { AND: [{ type: { eq: TYPE } }, filter] } } });
  if (reply.body.errors) throw new Error(JSON.stringify(reply.body.errors));
  return reply.body.data.notionModel;
};
const restRows = async (filter: unknown): Promise<{ status: number; total: number; ids: string[]; body: any }> => {
  const reply = await ctx.call('GET', `/api/content/${TYPE}?limit=10000&where=${where(filter)}`);
  return { status: reply.status, total: reply.body.total, ids: (reply.body.data ?? []).map((item: any) => item._id), body: reply.body };
};

const rows: Array<{ id: number; page_id: string }> = [];

beforeAll(async () => {
  // Row 0's title ends in "b"; row 1 holds escapes and an emoji; every other title is 200 "a"s.
  for (let start = 0; start < ROWS; start += 500) {
    const inputs = Array.from({ length: 500 }, (_, offset) => {
      const index = start + offset;
      const title = index === 0 ? `${'a'.repeat(199)}b` : index === 1 ? '100%_sure\\ 🚀!' : TITLE;
      return { type: TYPE, content: { title }, indexer: { tags: [`tag-${index}`] } };
    });
    const reply = await ctx.call('POST', '/graphql', {
      query: 'mutation ($inputs: [NotionModelInput!]!) { bulkCreateNotionModel(inputs: $inputs) { id page_id } }',
      variables: { inputs },
    });
    rows.push(...reply.body.data.bulkCreateNotionModel);
  }
});

describe('in lists cost about linear in rows plus values', () => {
  test('GraphQL in with 10,000 page ids, REST nin with as many as fit a URL, find exactly the listed rows', async () => {
    const listed = [rows[5]!.page_id, rows[500]!.page_id, rows[999]!.page_id];
    const ids = [...listed, ...Array.from({ length: 9997 }, () => randomUUID())];
    expect((await gqlRows({ page_id: { in: ids } })).map((row) => row.page_id).sort()).toEqual([...listed].sort());
    const others = await restRows({ page_id: { nin: ids.slice(0, 300) } });
    expect(others.total).toBe(ROWS - listed.length);
    expect(others.ids).not.toContain(listed[0]);
  });

  test('GraphQL id in 10,000 integers, and upper-case UUIDs match as PostgreSQL uuid does', async () => {
    const numbers = [rows[7]!.id, rows[8]!.id, ...Array.from({ length: 9998 }, (_, index) => 10_000_000 + index)];
    expect((await gqlRows({ id: { in: numbers } })).map((row) => row.id).sort()).toEqual([rows[7]!.id, rows[8]!.id].sort());
    expect((await gqlRows({ page_id: { in: [rows[9]!.page_id.toUpperCase()] } })).map((row) => row.page_id)).toEqual([rows[9]!.page_id]);
  });

  test('in on a content path, and indexer hasSome / hasNone with thousands of values', async () => {
    const titles = await restRows({ 'content.title': { in: ['100%_sure\\ 🚀!', 'nothing', ...Array.from({ length: 300 }, (_, i) => `t${i}`)] } });
    expect(titles.ids).toEqual([rows[1]!.page_id]);
    const tags = ['tag-3', 'tag-4', ...Array.from({ length: 5000 }, (_, i) => `missing-${i}`)];
    expect((await gqlRows({ indexer: { path: 'tags', hasSome: tags } })).map((row) => row.page_id).sort()).toEqual([rows[3]!.page_id, rows[4]!.page_id].sort());
    const gqlNone = await gqlRows({ indexer: { path: 'tags', hasNone: tags } });
    expect(gqlNone).toHaveLength(ROWS - 2);
  });

  test('an empty in list matches nothing and an empty nin list everything', async () => {
    expect(await gqlRows({ page_id: { in: [] } })).toEqual([]);
    expect(await gqlRows({ block_id: { in: [] } })).toEqual([]);
    expect((await restRows({ page_id: { nin: [] } })).total).toBe(ROWS);
  });
});

describe('LIKE costs about linear in rows × pattern, with PostgreSQL semantics', () => {
  test.each([
    // The cases: 16 s for one 200-character row, minutes for 7 wildcards over 3,000 rows.
    ['%a%a%a%a%b', [0]],
    ['%a%a%a%a%a%a%b', [0]],
    ['%a%a%a%a%a%a%a%', 'all but 1'],
    ['a%a%a%a%a%a%a%c', []],
    ['%b%', [0]],
    ['_%_b', [0]],
  ] as const)('%s', async (pattern, expected) => {
    const result = await restRows({ 'content.title': { like: pattern } });
    expect(result.status).toBe(200);
    if (expected === 'all but 1') {
      expect(result.total).toBe(ROWS - 1);
      expect(result.ids).not.toContain(rows[1]!.page_id);
    } else {
      expect(result.ids).toEqual(expected.map((index) => rows[index]!.page_id));
    }
  });

  test.each([
    ['\\% escapes a percent sign', '100\\%%', true],
    ['\\_ escapes an underscore', '100%\\_sure%', true],
    ['\\\\ is a literal backslash', '%sure\\\\ %', true],
    ['an escaped wildcard is not a wildcard', '100\\%x%', false],
    ['_ is one character, even an emoji', '%\\ _!', true],
    ['_ does not match two characters', '%\\ _', false],
  ])('%s', async (_label, pattern, matches) => {
    const result = await restRows({ 'content.title': { like: pattern } });
    expect(result.ids).toEqual(matches ? [rows[1]!.page_id] : []);
  });

  test('a pattern ending in a lone backslash is a 400 BAD_WHERE, as PostgreSQL refuses it', async () => {
    const result = await restRows({ 'content.title': { like: 'abc\\' } });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 'BAD_WHERE', message: expect.stringMatching(/LIKE pattern must not end with escape character/) });
  });

  test('the server still answers at once after all of the above', async () => {
    expect((await ctx.call('GET', '/health')).body).toEqual({ status: 'ok' });
  });
});
