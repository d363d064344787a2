import { registerTenant, useServer, where, type WireResponse } from '../support/http';

// Writes that read a row and then write it back race deletes and resets: the row can vanish
// between the two steps. The answer must be the one a client can act on (404), never a 500, and
// nothing may come back to life.
const ctx = useServer();

const ROUNDS = 25;
const PATCHES = 4;
const PUTS = 4;
const DELETES = 2;

type Call = { kind: 'PATCH' | 'PUT' | 'DELETE' | 'RESET'; title: string; run: () => Promise<WireResponse> };

const note = (tenant: string, title: string) => ({ title, mode: 'work', tenantId: tenant, body: { title } });

async function createNote(tenant: string, title: string): Promise<string> {
  const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: note(tenant, title) });
  expect(created.status).toBe(200);
  return created.body.data._id as string;
}

/** PATCHes, PUTs and DELETEs on one row, interleaved so no kind goes first every time. */
function restCalls(tenant: string, id: string, round: number, deletes: number): Call[] {
  const path = `/api/content/Notes/${id}?tenant=${tenant}`;
  const calls: Call[] = [];
  for (let i = 0; i < Math.max(PATCHES, PUTS, deletes); i += 1) {
    if (i < PATCHES) {
      const title = `patch-${round}-${i}`;
      calls.push({ kind: 'PATCH', title, run: () => ctx.call('PATCH', path, { content: { title, body: { title } } }) });
    }
    if (i < deletes) calls.push({ kind: 'DELETE', title: '', run: () => ctx.call('DELETE', path) });
    if (i < PUTS) {
      const title = `put-${round}-${i}`;
      calls.push({ kind: 'PUT', title, run: () => ctx.call('PUT', path, { content: note(tenant, title) }) });
    }
  }
  // Rotate by round so that each kind of call is the first to reach the server in some rounds.
  const shift = round % calls.length;
  return [...calls.slice(shift), ...calls.slice(0, shift)];
}

/**
 * Fires all calls at once, except that deletes and resets leave `lag` ms later: a DELETE has no
 * body to parse, so sent together it nearly always lands before every write has read the row.
 * Lagging it by 0-4 ms across rounds lands it between some write's read and its write.
 */
async function runAll(calls: Call[], lag = 0): Promise<Array<Call & { reply: WireResponse }>> {
  const pause = () => new Promise((resolve) => setTimeout(resolve, lag));
  const replies = await Promise.all(calls.map((call) => (call.kind === 'DELETE' || call.kind === 'RESET' ? pause().then(call.run) : call.run())));
  return calls.map((call, index) => ({ ...call, reply: replies[index]! }));
}

function expectOnly200Or404(results: Array<Call & { reply: WireResponse }>, id: string): void {
  for (const { kind, title, reply } of results) {
    if (![200, 404].includes(reply.status)) throw new Error(`${kind} answered ${reply.status}: ${reply.text}`);
    if (reply.status === 404) {
      expect(reply.body).toEqual({ success: false, error: { message: 'Content not found' } });
    } else if (kind === 'PATCH' || kind === 'PUT') {
      // A write that succeeded returns the row it wrote, with its own title and a matching body.
      expect(reply.body.data).toMatchObject({ _id: id, title, body: { title }, mode: 'work' });
    }
  }
}

async function expectGone(tenant: string, id: string): Promise<void> {
  expect((await ctx.call('GET', `/api/content/Notes/${id}?tenant=${tenant}`)).status).toBe(404);
  const listed = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&page_id=${id}`);
  expect(listed.body).toMatchObject({ success: true, data: [], total: 0 });
}

describe('updates racing deletes answer 200 or 404, never 500 (issue 8, item 3)', () => {
  let tenant: string;
  beforeAll(async () => {
    tenant = await registerTenant(ctx.call);
  });

  test(`PATCH, PUT and DELETE on one row in parallel, ${ROUNDS} rounds: exactly one DELETE wins and the row stays gone`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await createNote(tenant, `start-${round}`);
      const results = await runAll(restCalls(tenant, id, round, DELETES), round % 5);
      expectOnly200Or404(results, id);
      expect(results.filter((r) => r.kind === 'DELETE' && r.reply.status === 200)).toHaveLength(1);
      await expectGone(tenant, id);
    }
  });

  test('PATCH and PUT racing each other all succeed, and the indexer agrees with the stored content', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await createNote(tenant, `start-${round}`);
      const results = await runAll(restCalls(tenant, id, round, 0));
      expect(results.map((r) => r.reply.status)).toEqual(results.map(() => 200));
      const stored = (await ctx.call('GET', `/api/content/Notes/${id}?tenant=${tenant}`)).body.data;
      expect(results.map((r) => r.title)).toContain(stored.title);
      expect(stored.body).toEqual({ title: stored.title });
      // The indexer copy of title (what filters read) was written with the same content.
      const byIndexer = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ indexer: { path: 'title', eq: stored.title } })}`);
      expect(byIndexer.body.data.map((item: { _id: string }) => item._id)).toEqual([id]);
    }
  });
});

describe('updates racing POST /test/reset-db answer 200 or 404 (issue 8, item 3)', () => {
  test('a reset among the writes: every write answers 200 or 404, and the row is gone afterwards', async () => {
    for (let round = 0; round < 10; round += 1) {
      // The reset drops the tenant's definitions too, so each round registers its own.
      const tenant = await registerTenant(ctx.call);
      const id = await createNote(tenant, `start-${round}`);
      const calls = restCalls(tenant, id, round, 1);
      calls.splice(round % calls.length, 0, { kind: 'RESET', title: '', run: () => ctx.call('POST', '/test/reset-db') });
      const results = await runAll(calls, round % 5);
      expect(results.find((r) => r.kind === 'RESET')?.reply.status).toBe(200);
      expectOnly200Or404(results.filter((r) => r.kind !== 'RESET'), id);
      await expectGone(tenant, id);
    }
  });
});

describe('GraphQL update and replace racing delete (issue 8, item 3)', () => {
  const FIELDS = 'block_id content';
  const gql = (query: string, variables: Record<string, unknown>) => ctx.call('POST', '/graphql', { query, variables });
  const UPDATE = `mutation ($id: String!, $input: NotionModelInput!) { updateNotionModel(block_id: $id, input: $input) { ${FIELDS} } }`;
  const REPLACE = `mutation ($id: String!, $input: NotionModelInput!) { replaceNotionModel(block_id: $id, input: $input) { ${FIELDS} } }`;
  const DELETE = 'mutation ($id: String!) { deleteNotionModel(block_id: $id) }';

  test('each mutation either succeeds or fails with NOT_FOUND; exactly one delete returns true', async () => {
    const type = 'GqlRace';
    for (let round = 0; round < 15; round += 1) {
      const created = await gql(`mutation ($input: NotionModelInput!) { createNotionModel(input: $input) { ${FIELDS} } }`, { input: { type, content: { n: 0 } } });
      const id = created.body.data.createNotionModel.block_id as string;
      const deletes = new Set([() => gql(DELETE, { id }), () => gql(DELETE, { id })]);
      const [firstDelete, secondDelete] = [...deletes];
      const calls = [
        () => gql(UPDATE, { id, input: { type, content: { n: 1 } } }),
        firstDelete!,
        () => gql(REPLACE, { id, input: { type, content: { n: 2 } } }),
        () => gql(UPDATE, { id, input: { type, content: { n: 3 } } }),
        secondDelete!,
        () => gql(REPLACE, { id, input: { type, content: { n: 4 } } }),
      ];
      const shift = round % calls.length;
      const lag = (call: () => Promise<WireResponse>) => new Promise((resolve) => setTimeout(resolve, round % 5)).then(call);
      const replies = await Promise.all([...calls.slice(shift), ...calls.slice(0, shift)].map((call) => (deletes.has(call) ? lag(call) : call())));
      for (const reply of replies) {
        expect(reply.status).toBe(200);
        const codes = (reply.body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
        if (codes.some((code: unknown) => code !== 'NOT_FOUND')) throw new Error(`unexpected GraphQL error: ${reply.text}`);
      }
      const deleted = replies.filter((reply) => reply.body.data?.deleteNotionModel === true);
      expect(deleted).toHaveLength(1);
      const left = await gql('query ($id: String!) { notionModel(where: { block_id: { eq: $id } }) { block_id } }', { id });
      expect(left.body.data.notionModel).toEqual([]);
    }
  });
});
