import fc from 'fast-check';
import { startMeshServer, type StartedMeshServer } from '../../src/server';
import {
  graphqlProblem, jsonObject, jsonValue, key, runSeeded, sameJson, SCALE, send, text, type Reply,
} from './support';

// Generated GraphQL requests, valid and not, against a server started here (issue 8, "Proof").
// Every answer: GraphQL's shape, no 5xx, no INTERNAL_SERVER_ERROR; what was stored reads back as
// sent; Object.prototype untouched.

const BATCH = 12;
const RUNS = Math.ceil((3_000 * SCALE) / BATCH);

const FIELDS = 'id block_id page_id parent_id type content indexer order version';
const CREATE = `mutation ($input: NotionModelInput!) { createNotionModel(input: $input) { ${FIELDS} } }`;
const BULK = `mutation ($inputs: [NotionModelInput!]!) { bulkCreateNotionModel(inputs: $inputs) { ${FIELDS} } }`;
const BY_PAGE = `query ($id: String!) { notionModelByPageId(page_id: $id) { ${FIELDS} } }`;
const LIST = `query ($where: NotionModelFilter, $orderBy: [OrderByInput!], $limit: Int, $offset: Int) {
  notionModel(where: $where, orderBy: $orderBy, limit: $limit, offset: $offset) { ${FIELDS} parentData { id } } }`;
const UPDATE = `mutation ($id: String!, $input: NotionModelInput!) { updateNotionModel(block_id: $id, input: $input) { ${FIELDS} } }`;
const REPLACE = `mutation ($id: String!, $input: NotionModelInput!) { replaceNotionModel(block_id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation ($id: String!) { deleteNotionModel(block_id: $id) }';

const ODD_QUERIES = [
  '', '{', '}', '{ notionModel }', '{ notionModel { nope } }', 'subscription { notionModel { id } }', 'query { __typename }',
  '{ __schema { types { name } } }', 'mutation { deleteNotionModel }', 'query A { __typename } query B { __typename }',
  '{ notionModel(limit: -1) { id } }', '{ notionModel(limit: 99999999999) { id } }', '{ notionModel(where: { id: { eq: "x" } }) { id } }',
  '{ notionModelByPageId(page_id: "not-a-uuid") { id } }', 'fragment F on NotionModel { id } { notionModel { ...F } }',
  '{ notionModel(where: { AND: [] }) { id } }', '{ notionModel(orderBy: [{ field: "content", direction: ASC }]) { id } }',
  '{ notionModel(where: { indexer: { path: "" } }) { id } }', '{ notionModel(where: { contentJsonb: { path: "a", gt: 1 } }) { id } }',
  'query ($x: JSON) { __typename }', '{ a: __typename b: __typename }', `{ ${'notionModel { id } '.repeat(3)} }`,
];

// NUL in a string argument is refused with 400, as REST refuses it (issue 8, item 7).
const gqlText = fc.oneof({ weight: 6, arbitrary: text() }, { weight: 1, arbitrary: fc.constant('x\u0000y') });
const typeName = fc.oneof(
  fc.constantFrom('GqlFuzz', 'Notes', 'User'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((s) => s.replace(/\u0000/g, 'x')),
  // Longer than the type column's 255 characters: refused with 400 (issue 8, item 6).
  fc.integer({ min: 250, max: 300 }).map((length) => 'T'.repeat(length)),
);
const int32 = fc.oneof(fc.integer({ min: -5, max: 1_000 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1.5));
const uuidOrJunk = fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: gqlText });

const input = fc.record({
  type: typeName,
  content: fc.oneof({ weight: 5, arbitrary: jsonObject(3) }, { weight: 1, arbitrary: jsonObject(2).map((o) => JSON.stringify(o)) }, { weight: 1, arbitrary: jsonValue(1) }),
  indexer: fc.option(fc.oneof(jsonObject(2), jsonValue(1)), { nil: undefined }),
  order: fc.option(int32, { nil: undefined }),
  version: fc.option(gqlText, { nil: undefined }),
  page_id: fc.option(uuidOrJunk, { nil: undefined }),
  parent_id: fc.option(uuidOrJunk, { nil: undefined }),
}, { requiredKeys: ['type', 'content'] });

// Long lists and many wildcards: each filter must cost about linearly (issue 8, item 8).
const manyWildcards = fc.integer({ min: 3, max: 12 }).map((wildcards) => `${'%a'.repeat(wildcards)}%b`);
const stringFilter = fc.record({
  eq: gqlText, ne: gqlText, in: fc.oneof(fc.array(gqlText, { maxLength: 6 }), fc.array(fc.uuid(), { minLength: 100, maxLength: 400 })),
  like: fc.oneof(gqlText, manyWildcards),
  contains: gqlText, startsWith: gqlText, endsWith: gqlText,
}, { requiredKeys: [] });
const intFilter = fc.record({ eq: int32, ne: int32, gt: int32, gte: int32, lt: int32, lte: int32, in: fc.array(int32, { maxLength: 6 }) }, { requiredKeys: [] });
const smallJson = jsonValue(1);
const indexerFilter = fc.record({
  path: fc.oneof(fc.constantFrom('title', 'a', 'a.b'), key()), eq: smallJson, equals: smallJson, ne: smallJson, contains: smallJson,
  containedBy: smallJson, hasKey: gqlText, hasAnyKeys: fc.array(gqlText, { maxLength: 4 }), has: smallJson,
  hasSome: fc.array(smallJson, { maxLength: 4 }), hasNone: fc.array(smallJson, { maxLength: 4 }),
}, { requiredKeys: ['path'] });
const contentJsonbFilter = fc.record({
  path: fc.oneof(fc.constantFrom('title', 'a', 'a.b'), key()), eq: smallJson, ne: smallJson, gt: fc.double({ noNaN: true, noDefaultInfinity: true }),
  lt: fc.integer(), in: fc.array(smallJson, { maxLength: 5 }), contains: smallJson,
}, { requiredKeys: ['path'] });

const notionFilter: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.record({
      id: intFilter, block_id: stringFilter, page_id: stringFilter, parent_id: stringFilter, type: stringFilter,
      content: stringFilter, contentJsonb: contentJsonbFilter, indexer: indexerFilter, order: intFilter, version: stringFilter,
    }, { requiredKeys: [] }),
    fc.record({ AND: fc.array(tie('filter'), { maxLength: 3 }) }),
    fc.record({ OR: fc.array(tie('filter'), { maxLength: 3 }) }),
    // Not a NotionModelFilter: variable coercion must refuse it as the client's mistake.
    jsonValue(2),
  ),
})).filter;

const orderBy = fc.array(fc.record({
  field: fc.oneof(fc.constantFrom('id', 'block_id', 'page_id', 'parent_id', 'type', 'order', 'version', 'createdAt', 'updatedAt'), key()),
  direction: fc.constantFrom('ASC', 'DESC', 'UP'),
}), { maxLength: 2 });

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { a: value };
  return value;
}

type GraphqlRequest =
  | { kind: 'create'; input: Record<string, unknown> }
  | { kind: 'bulk'; inputs: Array<Record<string, unknown>> }
  | { kind: 'list'; variables: Record<string, unknown> }
  | { kind: 'byPage'; id: string }
  | { kind: 'update' | 'replace'; target: number | string; input: Record<string, unknown> }
  | { kind: 'delete'; target: number | string }
  | { kind: 'raw'; body: unknown };

const target = fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 1, arbitrary: uuidOrJunk });
const graphqlRequest: fc.Arbitrary<GraphqlRequest> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('create' as const), input }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bulk' as const), inputs: fc.array(input, { maxLength: 3 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('list' as const), variables: fc.record({
    where: notionFilter, orderBy, limit: fc.oneof(fc.integer({ min: -1, max: 30 }), int32), offset: fc.oneof(fc.integer({ min: -1, max: 30 }), int32),
  }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('byPage' as const), id: uuidOrJunk }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('update' as const, 'replace' as const), target, input }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), target }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('raw' as const), body: fc.oneof(
    fc.record({ query: fc.oneof(fc.constantFrom(...ODD_QUERIES), fc.string({ maxLength: 40 })), variables: fc.option(jsonValue(2), { nil: undefined }),
      operationName: fc.option(fc.oneof(fc.constantFrom('A', 'B'), fc.string({ maxLength: 5 })), { nil: undefined }) }, { requiredKeys: ['query'] }),
    fc.record({ query: fc.constantFrom(CREATE, LIST, UPDATE, DELETE, BY_PAGE), variables: jsonValue(2) }),
    // Variables deeper than the 1,000 levels the emulator accepts: 400, not a stack overflow (issue 8, item 4).
    fc.constant({ query: CREATE, variables: { input: { type: 'GqlFuzz', content: { a: nested(1_500) } } } }),
    jsonValue(2),
  ) }) },
);

describe('GraphQL fuzz', () => {
  let server: StartedMeshServer;
  let pool: Array<{ blockId: string }> = [];
  let sent = 0;

  beforeAll(async () => {
    server = await startMeshServer();
  });
  afterAll(() => server?.close());

  const post = async (body: unknown): Promise<Reply> => {
    sent += 1;
    return send(server, 'POST', '/graphql', JSON.stringify(body));
  };
  const blockIdOf = (choice: number | string) => (typeof choice === 'string' ? choice : pool[choice % Math.max(pool.length, 1)]?.blockId ?? '00000000-0000-4000-8000-000000000000');

  /** The shape every answer must have; returns the reply's data when there were no errors. */
  function checked(reply: Reply, what: string): any {
    const problem = graphqlProblem(reply);
    if (problem) throw new Error(`${what} → ${reply.status}: ${problem}\n${reply.text.slice(0, 600)}`);
    return reply.json.errors ? undefined : reply.json.data;
  }

  async function expectStoredAsSent(row: any, sentInput: Record<string, unknown>, what: string): Promise<void> {
    const expected = typeof sentInput.content === 'string' ? JSON.parse(sentInput.content) : sentInput.content;
    if (!sameJson(expected, row.content)) throw new Error(`${what} stored other content:\nsent ${JSON.stringify(sentInput)}\ngot  ${JSON.stringify(row)}`);
    const read = checked(await post({ query: BY_PAGE, variables: { id: row.page_id } }), `byPage ${row.page_id}`);
    // Rows can share a page_id (bulk inputs may repeat one); then another may come first.
    if (read?.notionModelByPageId?.block_id === row.block_id && !sameJson(expected, read.notionModelByPageId.content)) {
      throw new Error(`read after ${what} differs:\nsent ${JSON.stringify(expected)}\ngot  ${JSON.stringify(read.notionModelByPageId)}`);
    }
  }

  async function run(request: GraphqlRequest): Promise<void> {
    switch (request.kind) {
      case 'create': {
        const data = checked(await post({ query: CREATE, variables: { input: request.input } }), `create ${JSON.stringify(request.input)}`);
        if (!data) return;
        await expectStoredAsSent(data.createNotionModel, request.input, 'create');
        pool.push({ blockId: data.createNotionModel.block_id });
        return;
      }
      case 'bulk': {
        const data = checked(await post({ query: BULK, variables: { inputs: request.inputs } }), `bulk ${JSON.stringify(request.inputs)}`);
        if (!data) return;
        const rows = data.bulkCreateNotionModel as any[];
        if (rows.length !== request.inputs.length) throw new Error(`bulk stored ${rows.length} of ${request.inputs.length}`);
        for (const [index, row] of rows.entries()) await expectStoredAsSent(row, request.inputs[index]!, 'bulk create');
        return;
      }
      case 'list':
        checked(await post({ query: LIST, variables: request.variables }), `list ${JSON.stringify(request.variables)}`);
        return;
      case 'byPage':
        checked(await post({ query: BY_PAGE, variables: { id: request.id } }), `byPage ${request.id}`);
        return;
      case 'update':
      case 'replace': {
        const variables = { id: blockIdOf(request.target), input: request.input };
        const data = checked(await post({ query: request.kind === 'update' ? UPDATE : REPLACE, variables }), `${request.kind} ${JSON.stringify(variables)}`);
        const row = data?.[request.kind === 'update' ? 'updateNotionModel' : 'replaceNotionModel'];
        if (row && request.kind === 'replace') {
          const expected = typeof request.input.content === 'string' ? JSON.parse(request.input.content) : request.input.content;
          if (!sameJson(expected, row.content)) throw new Error(`replace stored other content: ${JSON.stringify(variables)} → ${JSON.stringify(row)}`);
        }
        return;
      }
      case 'delete':
        checked(await post({ query: DELETE, variables: { id: blockIdOf(request.target) } }), `delete ${request.target}`);
        return;
      case 'raw':
        checked(await post(request.body), `raw ${JSON.stringify(request.body)}`);
        return;
    }
  }

  test(`seeded run: ${RUNS} batches of ${BATCH} requests plus reads-after-create`, () => runSeeded({
    suite: 'GraphQL',
    requests: graphqlRequest,
    batch: BATCH,
    runs: RUNS,
    reset: async () => {
      await server.resetDatabase();
      pool = [];
    },
    run,
    sent: () => sent,
  }), 300_000);
});
