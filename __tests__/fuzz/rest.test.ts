import fc from 'fast-check';
import { startMeshServer, type StartedMeshServer } from '../../src/server';
import {
  envelopeProblem, graphqlProblem, jsonObject, jsonValue, key, registerTenant, runSeeded, sameJson, SCALE, send, text, type Reply,
} from './support';

// Generated REST requests, valid and not, against a server started here (issue 8, "Proof").
// Every answer: no 5xx but the contract's 500 CONTENT_CREATE_ERR, always the envelope; what was
// stored reads back as sent; Object.prototype untouched.

const BATCH = 16;
const RUNS = Math.ceil((5_800 * SCALE) / BATCH);

const TENANT_TYPES = ['Notes', 'HtmlGeneration', 'AppletStorage'] as const;
const PLATFORM_TYPES = ['User', 'Tenant', 'Tool'] as const;

type RestRequest =
  | { kind: 'create'; type: (typeof TENANT_TYPES)[number]; content: Record<string, unknown> }
  | { kind: 'createAny'; type: string; content: unknown }
  | { kind: 'rawBody'; method: 'POST' | 'PATCH' | 'PUT'; type: string; body: string }
  | { kind: 'get' | 'delete'; type: string; id: IdChoice }
  | { kind: 'patch' | 'put'; id: IdChoice; content: Record<string, unknown> }
  | { kind: 'list'; type: string; where: string | undefined; limit: string | undefined; offset: string | undefined }
  | { kind: 'definition'; type: string }
  | { kind: 'registerDefinition'; body: string }
  | { kind: 'oddPath'; method: string; path: string };

/** An id from the pool of created rows (by index), or a made-up one. */
type IdChoice = { pool: number } | { raw: string };

const typeName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<string>(...TENANT_TYPES, ...PLATFORM_TYPES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
  // Longer than the type column's 255 characters: refused with 400 (issue 8, item 6).
  { weight: 1, arbitrary: fc.integer({ min: 250, max: 300 }).map((length) => 'T'.repeat(length)) },
);
const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((pool) => ({ pool })) },
  { weight: 1, arbitrary: fc.oneof(fc.uuid(), text(), fc.constantFrom('not-a-uuid', '..', '%00', 'a b', "x'--")).map((raw) => ({ raw })) },
);

/** Note-like content: the catalogue's fields among random ones, never the definitions' parent field. */
const content = fc.tuple(jsonObject(3), fc.record({ title: text(), mode: fc.constantFrom('work', 'personal', 'other') }, { requiredKeys: [] }))
  .map(([random, known]) => Object.assign(random, known));

const COLUMNS = ['page_id', 'parent_id', 'type', 'version', 'order', 'id', 'block_id', 'createdAt', 'updatedAt'];
const COLUMN_OPS = ['eq', 'ne', 'in', 'nin', 'contains', 'containedBy', 'lt', 'lte', 'gt', 'gte', 'between', 'like', 'startsWith', 'endsWith'];
const INDEXER_OPS = ['eq', 'equals', 'ne', 'contains', 'containedBy', 'has', 'hasSome', 'hasEvery', 'hasNone', 'hasKey', 'hasAnyKeys', 'hasAllKeys', 'typed'];
// Long lists and many wildcards: each filter must cost about linearly (issue 8, item 8).
const smallValue = fc.oneof(
  { weight: 4, arbitrary: jsonValue(1) },
  { weight: 1, arbitrary: fc.array(jsonValue(0), { maxLength: 8 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.uuid(), text()), { minLength: 100, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.integer({ min: 3, max: 12 }).map((wildcards) => `${'%a'.repeat(wildcards)}%b`) },
);

const whereFilter: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.record({ indexer: fc.tuple(fc.oneof(fc.constantFrom('title', 'mode', 'tenantId', 'sourceFile.type', 'tags'), key()), fc.constantFrom(...INDEXER_OPS), smallValue)
      .map(([path, op, value]) => ({ path, [op]: value })) }),
    fc.tuple(fc.constantFrom(...COLUMNS), fc.constantFrom(...COLUMN_OPS), smallValue).map(([column, op, value]) => ({ [column]: { [op]: value } })),
    fc.tuple(key(), fc.constantFrom(...COLUMN_OPS), smallValue).map(([path, op, value]) => ({ [`content.${path}`]: { [op]: value } })),
    fc.tuple(fc.constantFrom(...COLUMNS), smallValue).map(([column, value]) => ({ [column]: value })),
    fc.tuple(fc.constantFrom('AND', 'OR', 'and', 'or'), fc.array(tie('filter'), { maxLength: 3 })).map(([group, items]) => ({ [group]: items })),
    jsonValue(2),
  ),
})).filter;

const queryNumber = fc.option(fc.constantFrom('', '0', '1', '3', '25', '10000', '10001', '-1', 'abc', '1e3', '99999999999999999999'), { nil: undefined });

const RAW_BODIES = ['', 'null', '[]', '"text"', '{', '{"content":', '{"content":null}', '{"content":[1]}', '{"content":"x"}', '{"content":5}',
  '{"content":{"a":"x\\u0000y"}}', '{"content":{"_id":"nope"}}', '{"content":{"_id":"00000000-0000-4000-8000-000000000000"}}',
  `{"content":${'['.repeat(60)}${']'.repeat(60)}}`, `{"content":{"a":${'{"b":'.repeat(40)}1${'}'.repeat(40)}}}`, '{"content":{}}', '\u0000', '{"content":{"a":1,"a":2}}',
  // Deeper than the 1,000 levels the emulator accepts: 400, not a stack overflow (issue 8, item 4).
  `{"content":{"a":${'['.repeat(3_000)}${']'.repeat(3_000)}}}`, `{"content":${'{"a":'.repeat(1_500)}1${'}'.repeat(1_500)}}`,
  '{"content":{"__proto__":{"exp":1},"constructor":{"prototype":{"x":1}}}}'];

const restRequest: fc.Arbitrary<RestRequest> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('create' as const), type: fc.constantFrom(...TENANT_TYPES), content }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createAny' as const), type: typeName, content: jsonValue(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rawBody' as const), method: fc.constantFrom('POST' as const, 'PATCH' as const, 'PUT' as const), type: typeName,
    body: fc.oneof(fc.constantFrom(...RAW_BODIES), fc.string({ maxLength: 30 })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('get' as const, 'delete' as const), type: typeName, id: idChoice }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('patch' as const, 'put' as const), id: idChoice, content }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('list' as const), type: typeName,
    where: fc.option(fc.oneof({ weight: 5, arbitrary: whereFilter.map((w) => JSON.stringify(w)) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }), { nil: undefined }),
    limit: queryNumber, offset: queryNumber }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('definition' as const), type: typeName }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('registerDefinition' as const), body: jsonValue(3).map((definition) => JSON.stringify({ definition })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('oddPath' as const), method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    path: fc.array(fc.oneof(text(), fc.constantFrom('api', 'content', 'definition', 'graphql', 'test', 'Notes')), { maxLength: 4 })
      .map((segments) => `/${segments.map(encodeURIComponent).join('/')}`) }) },
);

interface Row { type: string; id: string }

describe('REST fuzz', () => {
  let server: StartedMeshServer;
  let tenant: string;
  let pool: Row[] = [];
  let sent = 0;

  beforeAll(async () => {
    server = await startMeshServer();
    tenant = await registerTenant(server);
  });
  afterAll(() => server?.close());

  const call = async (method: string, path: string, body?: string): Promise<Reply> => {
    sent += 1;
    return send(server, method, path, body);
  };
  const url = (type: string, id?: string, query = '') =>
    `/api/content/${encodeURIComponent(type)}${id === undefined ? '' : `/${encodeURIComponent(id)}`}?tenant=${tenant}${query}`;
  const pick = (choice: IdChoice): Row | { type: string; id: string } =>
    ('pool' in choice ? (pool.length > 0 ? pool[choice.pool % pool.length]! : { type: 'Notes', id: '00000000-0000-4000-8000-000000000000' }) : { type: 'Notes', id: choice.raw });

  /** One request and the checks every answer must pass; then the checks for its kind. */
  async function run(request: RestRequest): Promise<void> {
    const expectEnvelope = (reply: Reply, what: string, problemOf = envelopeProblem) => {
      const problem = problemOf(reply);
      if (problem) throw new Error(`${what} → ${reply.status}: ${problem}\n${reply.text.slice(0, 500)}`);
      return reply;
    };
    switch (request.kind) {
      case 'create': {
        const body = JSON.stringify({ content: request.content });
        const reply = expectEnvelope(await call('POST', url(request.type), body), `POST ${request.type} ${body}`);
        if (reply.status !== 200) throw new Error(`POST ${request.type} ${body} → ${reply.status} ${reply.text}`);
        if (!sameJson(request.content, reply.json.data, true)) throw new Error(`create did not round-trip:\nsent ${body}\ngot  ${reply.text}`);
        const row = { type: request.type, id: reply.json.data._id as string };
        // Read back before the row joins the pool, so no concurrent request can have changed it.
        const read = expectEnvelope(await call('GET', url(row.type, row.id)), `GET ${row.id}`);
        if (read.status !== 200 || !sameJson(request.content, read.json.data, true)) {
          throw new Error(`GET after create differs:\nsent ${body}\ngot  ${read.status} ${read.text}`);
        }
        pool.push(row);
        return;
      }
      case 'createAny':
        expectEnvelope(await call('POST', url(request.type), JSON.stringify({ content: request.content })), `POST ${request.type}`);
        return;
      case 'rawBody': {
        const target = request.method === 'POST' ? url(request.type) : url(request.type, pick({ pool: request.body.length }).id);
        expectEnvelope(await call(request.method, target, request.body), `${request.method} ${target} ${JSON.stringify(request.body)}`);
        return;
      }
      case 'get':
      case 'delete': {
        const row = pick(request.id);
        const type = 'raw' in request.id ? request.type : row.type;
        const reply = expectEnvelope(await call(request.kind.toUpperCase(), url(type, row.id)), `${request.kind} ${type}/${row.id}`);
        if (request.kind === 'delete' && reply.status === 200) pool = pool.filter((r) => r.id !== row.id);
        return;
      }
      case 'patch':
      case 'put': {
        const row = pick(request.id);
        const body = JSON.stringify({ content: request.content });
        const method = request.kind.toUpperCase();
        const reply = expectEnvelope(await call(method, url(row.type, row.id), body), `${method} ${row.type}/${row.id} ${body}`);
        if (reply.status !== 200) return;
        const data = reply.json.data as Record<string, unknown>;
        const wrote = request.kind === 'put'
          ? sameJson(request.content, data, true)
          : Object.keys(request.content).every((name) => sameJson(request.content[name], data[name]));
        if (!wrote) throw new Error(`${method} did not write what was sent:\nsent ${body}\ngot  ${reply.text}`);
        return;
      }
      case 'list': {
        const query = [
          request.where === undefined ? '' : `&where=${encodeURIComponent(request.where)}`,
          request.limit === undefined ? '' : `&limit=${request.limit}`,
          request.offset === undefined ? '' : `&offset=${request.offset}`,
        ].join('');
        const reply = expectEnvelope(await call('GET', url(request.type, undefined, query)), `GET list ${request.type} where=${request.where}`);
        if (reply.status === 200) {
          const { data, total, hasMore } = reply.json;
          if (!Array.isArray(data) || typeof total !== 'number' || total < data.length || typeof hasMore !== 'boolean') {
            throw new Error(`list answer malformed: ${reply.text.slice(0, 300)}`);
          }
        }
        return;
      }
      case 'definition':
        expectEnvelope(await call('GET', `/api/definition/${encodeURIComponent(request.type)}?tenant=${tenant}`), `GET definition ${request.type}`);
        return;
      case 'registerDefinition':
        expectEnvelope(await call('POST', `/api/definition?tenant=${tenant}`, request.body), `POST definition ${request.body}`);
        return;
      case 'oddPath': {
        // Paths under /graphql answer in GraphQL's shape, whatever the method.
        const underGraphql = request.path === '/graphql' || request.path.startsWith('/graphql/');
        expectEnvelope(await call(request.method, request.path), `${request.method} ${request.path}`, underGraphql ? graphqlProblem : envelopeProblem);
        return;
      }
    }
  }

  test(`seeded run: ${RUNS} batches of ${BATCH} requests plus reads-after-create`, () => runSeeded({
    suite: 'REST',
    requests: restRequest,
    batch: BATCH,
    runs: RUNS,
    reset: async () => {
      await server.resetDatabase();
      tenant = await registerTenant(server);
      pool = [];
    },
    run,
    sent: () => sent,
  }), 300_000);
});
