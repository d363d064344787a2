import { randomUUID } from 'node:crypto';
import { signMeshJwt } from '../../src/auth/jwt';
import { registerTenant, useServer, where, wire } from '../support/http';

// Issue 8: hostile content over real HTTP, REST and GraphQL. Bodies with "__proto__" keys are sent
// as raw text, since an object literal would turn the key into a prototype before it is sent.
const ctx = useServer({ secrets: { mesh: 'm-secret', botControl: 'b-secret', jwtSigningKey: 'jwt-key' } });

/** JSON text of a parsed value: JSON.parse keeps "__proto__" as an own key, and stringify prints it. */
const text = (value: unknown): string => JSON.stringify(value);
/**
 * What the service answers for a stored value: PostgreSQL returns jsonb objects with their keys in
 * storage order (shorter first, then by bytes), not as written; both backends do the same.
 */
const jsonb = (value: unknown): string => JSON.stringify(value, function ordered(this: unknown, _key: string, item: unknown) {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const keys = Object.keys(item).sort((x, y) => Buffer.byteLength(x) - Buffer.byteLength(y) || Buffer.compare(Buffer.from(x), Buffer.from(y)));
  const copy = {};
  for (const key of keys) Object.defineProperty(copy, key, { value: (item as Record<string, unknown>)[key], enumerable: true });
  return copy;
});
const withoutId = ({ _id, ...rest }: Record<string, unknown>) => rest;
const gqlRaw = (query: string, variablesJson: string) => ctx.call('POST', '/graphql', undefined, `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`);
const gql = (query: string, variables?: Record<string, unknown>) => ctx.call('POST', '/graphql', { query, variables });
const errorOf = (reply: { body: any }) => reply.body.errors?.[0] as { message: string; extensions: { code: string } } | undefined;

const FIELDS = 'block_id page_id type content indexer version';
const CREATE = `mutation ($input: NotionModelInput!) { createNotionModel(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: String!, $input: NotionModelInput!) { updateNotionModel(block_id: $id, input: $input) { ${FIELDS} } }`;
const REPLACE = `mutation ($id: String!, $input: NotionModelInput!) { replaceNotionModel(block_id: $id, input: $input) { ${FIELDS} } }`;
const LIST = `query ($where: NotionModelFilter) { notionModel(where: $where) { ${FIELDS} } }`;
const BY_PAGE = `query ($id: String!) { notionModelByPageId(page_id: $id) { ${FIELDS} } }`;

const freshType = () => `Hostile${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('prototype keys are data, never a way into a prototype (issue 8, items 1 and 2)', () => {
  let tenant: string;
  beforeAll(async () => {
    tenant = await registerTenant(ctx.call);
  });

  test('an indexer path through __proto__ leaves Object.prototype untouched, and Bearer tokens still work', async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const definition = { name: 'Proto', dataModel: { block: 'Proto', jsonSchema: { type: 'object', properties: {} }, indexer: ['__proto__.exp', 'constructor.prototype.polluted'] } };
    expect((await ctx.call('POST', `/api/definition?tenant=${tenant}`, { definition })).status).toBe(200);
    const raw = '{"content":{"__proto__":{"exp":1},"constructor":{"prototype":{"polluted":true}}}}';
    const created = await ctx.call('POST', `/api/content/Proto?tenant=${tenant}`, undefined, raw);
    expect(created.status).toBe(200);

    expect(({} as Record<string, unknown>).exp).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(text(withoutId(created.body.data))).toBe(text(JSON.parse(raw).content));

    // The indexer holds the copied fields as plain data, and filters find them.
    const byIndexer = await ctx.call('GET', `/api/content/Proto?tenant=${tenant}&where=${where({ indexer: { path: '__proto__.exp', eq: 1 } })}`);
    expect(byIndexer.body.data.map((item: any) => item._id)).toEqual([created.body.data._id]);

    // A token without its own exp is not "expired" by an inherited one.
    const asUser = wire(ctx.server, { authorization: `Bearer ${signMeshJwt({ sub: 'u1' }, 'jwt-key')}` });
    const reply = await asUser('GET', `/api/content/Proto/${created.body.data._id}?tenant=${tenant}`);
    expect(reply.status).toBe(200);
  });

  test('a filter on a prototype-named path does not match rows without that key', async () => {
    const type = freshType();
    await gql(CREATE, { input: { type, content: { plain: 1 } } });
    const withKey = await gqlRaw(CREATE, `{"input":{"type":"${type}","content":{"constructor":"yes"}}}`);
    const hasConstructor = await ctx.call('GET', `/api/content/${type}?where=${where({ 'content.constructor': { ne: null } })}`);
    expect(hasConstructor.body.data.map((item: any) => item._id)).toEqual([withKey.body.data.createNotionModel.page_id]);
  });

  const CONTENT = '{"a":1,"__proto__":{"x":1,"__proto__":{"y":[{"__proto__":null}]}},"list":[{"__proto__":"s"}],"constructor":{"toString":2}}';

  test('REST create, get, list, PATCH and PUT keep __proto__ keys at any depth, byte for byte', async () => {
    const sent = JSON.parse(CONTENT);
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, undefined, `{"content":${CONTENT}}`);
    expect(created.status).toBe(200);
    const id = created.body.data._id;
    expect(text(withoutId(created.body.data))).toBe(jsonb(sent));
    expect(text(withoutId((await ctx.call('GET', `/api/content/Notes/${id}?tenant=${tenant}`)).body.data))).toBe(jsonb(sent));
    const listed = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ page_id: { eq: id } })}`);
    expect(listed.body.data.map((item: any) => text(withoutId(item)))).toEqual([jsonb(sent)]);

    const patch = '{"__proto__":{"patched":true},"b":2}';
    const patched = await ctx.call('PATCH', `/api/content/Notes/${id}?tenant=${tenant}`, undefined, `{"content":${patch}}`);
    expect(patched.status).toBe(200);
    expect(text(withoutId(patched.body.data))).toBe(jsonb({ ...sent, ...JSON.parse(patch) }));

    const replacement = '{"__proto__":{"only":"this"}}';
    const replaced = await ctx.call('PUT', `/api/content/Notes/${id}?tenant=${tenant}`, undefined, `{"content":${replacement}}`);
    expect(replaced.status).toBe(200);
    expect(text(withoutId(replaced.body.data))).toBe(replacement);
    expect(text(withoutId((await ctx.call('GET', `/api/content/Notes/${id}?tenant=${tenant}`)).body.data))).toBe(replacement);
  });

  test('GraphQL create, update, replace, list and notionModelByPageId keep __proto__ keys', async () => {
    const type = freshType();
    const created = await gqlRaw(CREATE, `{"input":{"type":"${type}","content":${CONTENT},"indexer":{"__proto__":{"i":1}}}}`);
    const row = created.body.data.createNotionModel;
    expect(text(row.content)).toBe(jsonb(JSON.parse(CONTENT)));
    expect(text(row.indexer)).toBe('{"__proto__":{"i":1}}');

    const listed = await gql(LIST, { where: { type: { eq: type } } });
    expect(listed.body.data.notionModel.map((item: any) => text(item.content))).toEqual([jsonb(JSON.parse(CONTENT))]);
    expect(text((await gql(BY_PAGE, { id: row.page_id })).body.data.notionModelByPageId.content)).toBe(jsonb(JSON.parse(CONTENT)));

    const updated = await gqlRaw(UPDATE, `{"id":"${row.block_id}","input":{"type":"${type}","content":{"__proto__":{"u":1},"z":0}}}`);
    expect(text(updated.body.data.updateNotionModel.content)).toBe(jsonb({ ...JSON.parse(CONTENT), ...JSON.parse('{"__proto__":{"u":1},"z":0}') }));

    const replaced = await gqlRaw(REPLACE, `{"id":"${row.block_id}","input":{"type":"${type}","content":"{\\"__proto__\\":{\\"r\\":1}}"}}`);
    expect(text(replaced.body.data.replaceNotionModel.content)).toBe('{"__proto__":{"r":1}}');
    expect(text((await gql(BY_PAGE, { id: row.page_id })).body.data.notionModelByPageId.content)).toBe('{"__proto__":{"r":1}}');
  });
});

describe('deep JSON is refused above 1,000 levels with a 400, and round-trips below (issue 8, item 4)', () => {
  let tenant: string;
  beforeAll(async () => {
    tenant = await registerTenant(ctx.call);
  });

  test('content at the limit round-trips over REST and GraphQL', async () => {
    // The body is 2 levels ({"content":{"x": ...}}), so 998 more make it exactly 1,000.
    const deep = nestedObject(998);
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, undefined, `{"content":{"x":${deep}}}`);
    expect(created.status).toBe(200);
    const fetched = await ctx.call('GET', `/api/content/Notes/${created.body.data._id}?tenant=${tenant}`);
    expect(fetched.text).toContain(`"x":${deep}`);

    const type = freshType();
    const viaGraphql = await gqlRaw(CREATE, `{"input":{"type":"${type}","content":{"x":${nestedArray(990)}}}}`);
    expect(viaGraphql.text).toContain(`"x":${nestedArray(990)}`);
    expect((await gql(LIST, { where: { type: { eq: type } } })).text).toContain(`"x":${nestedArray(990)}`);
  });

  test.each([
    ['REST create, objects 2,700 deep', 'POST', () => `/api/content/Notes?tenant=${tenant}`, `{"content":{"x":${nestedObject(2700)}}}`],
    ['REST create, arrays 5,000 deep', 'POST', () => `/api/content/Notes?tenant=${tenant}`, `{"content":{"x":${nestedArray(5000)}}}`],
    ['REST PATCH', 'PATCH', () => `/api/content/Notes/${randomUUID()}?tenant=${tenant}`, `{"content":{"x":${nestedArray(1500)}}}`],
    ['a definition with a jsonSchema 2,000 levels deep', 'POST', () => `/api/definition?tenant=${tenant}`,
      `{"definition":{"name":"Deep","dataModel":{"block":"Deep","jsonSchema":${'{"type":"object","properties":{"p":'.repeat(2000)}{}${'}}'.repeat(2000)}}}}`],
    ['GraphQL variables', 'POST', () => '/graphql', `{"query":${JSON.stringify(CREATE)},"variables":{"input":{"type":"X","content":{"x":${nestedObject(3000)}}}}}`],
  ])('%s: 400 JSON_TOO_DEEP', async (_label, method, path, raw) => {
    const reply = await ctx.call(method, path(), undefined, raw);
    expect(reply.status).toBe(400);
    // REST answers in its envelope, /graphql in GraphQL's error shape.
    const error = reply.body.error ?? { code: reply.body.errors?.[0]?.extensions.code, message: reply.body.errors?.[0]?.message };
    expect(error).toMatchObject({ code: 'JSON_TOO_DEEP', message: expect.stringMatching(/more than 1000 levels deep/) });
    if (path() === '/graphql') expect(reply.body.success).toBeUndefined();
  });

  test('deep JSON inside a GraphQL query text or a JSON string is a BAD_INPUT', async () => {
    const literal = await gql(`mutation { createNotionModel(input: {type: "X", content: {x: ${nestedArray(1100)}}}) { block_id } }`);
    expect(errorOf(literal)).toMatchObject({ extensions: { code: 'BAD_INPUT' }, message: expect.stringMatching(/input\.content nests .* more than 1000 levels/) });
    const asString = await gql(CREATE, { input: { type: 'X', content: `{"x":${nestedObject(1200)}}` } });
    expect(errorOf(asString)).toMatchObject({ extensions: { code: 'BAD_INPUT' } });
  });

  test('nested AND filters: below the limit they answer, above it a 400 that names the problem', async () => {
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: 'deep-and', mode: 'work', tenantId: tenant } });
    let restFilter: unknown = { 'content.title': 'deep-and' };
    for (let level = 0; level < 400; level += 1) restFilter = { AND: [restFilter] };
    const rest = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where(restFilter)}`);
    expect(rest.body.data.map((item: any) => item._id)).toEqual([created.body.data._id]);

    let gqlFilter: unknown = { page_id: { eq: created.body.data._id } };
    for (let level = 0; level < 450; level += 1) gqlFilter = { AND: [gqlFilter] };
    const answered = await gql(LIST, { where: gqlFilter });
    expect(answered.body.data.notionModel.map((row: any) => row.page_id)).toEqual([created.body.data._id]);

    // Built as text: JSON.stringify itself overflows the stack on a filter this deep.
    const refused = await gqlRaw(LIST, `{"where":${'{"AND":['.repeat(3000)}{"type":{"eq":"Notes"}}${']}'.repeat(3000)}}`);
    expect(refused.status).toBe(400);
    expect(errorOf(refused)?.extensions.code).toBe('JSON_TOO_DEEP');

    const deepValue = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${encodeURIComponent(`{"content.x":{"eq":${nestedArray(1100)}}}`)}`);
    expect(deepValue.status).toBe(400);
    expect(deepValue.body.error).toMatchObject({ code: 'BAD_WHERE', message: expect.stringMatching(/^where nests/) });
  });
});

describe('text operators on timestamps are a 400 BAD_WHERE (issue 8, item 5)', () => {
  test.each(['like', 'contains', 'startsWith', 'endsWith'])('createdAt.%s', async (operator) => {
    const reply = await ctx.call('GET', `/api/content/User?where=${where({ createdAt: { [operator]: '20%' } })}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'BAD_WHERE', message: `where.createdAt.${operator}: text operators do not apply to a timestamp; use eq, ne, in, nin, lt, lte, gt, gte or between with ISO dates` });
  });

  test('ordering operators and in still work on timestamps', async () => {
    const created = await ctx.call('POST', '/api/content/User', { content: { email: `t-${randomUUID()}@example.com` } });
    const since = await ctx.call('GET', `/api/content/User?where=${where({ AND: [{ createdAt: { gte: '2000-01-01T00:00:00Z' } }, { page_id: created.body.data._id }] })}`);
    expect(since.body.total).toBe(1);
    const none = await ctx.call('GET', `/api/content/User?where=${where({ createdAt: { in: ['2000-01-01T00:00:00Z'] } })}`);
    expect(none.body.total).toBe(0);
  });
});

describe('type and version longer than varchar(255) are a 400 (issue 8, item 6)', () => {
  test('GraphQL: type or version of 256 characters is BAD_INPUT, 255 is stored', async () => {
    const long = 'T'.repeat(256);
    expect(errorOf(await gql(CREATE, { input: { type: long, content: {} } }))).toMatchObject({
      extensions: { code: 'BAD_INPUT' }, message: 'input.type is 256 characters long; the column holds at most 255 (varchar(255))',
    });
    expect(errorOf(await gql(CREATE, { input: { type: 'X', version: 'é'.repeat(256), content: {} } }))?.extensions.code).toBe('BAD_INPUT');
    const fits = await gql(CREATE, { input: { type: 'T'.repeat(255), version: 'é'.repeat(255), content: {} } });
    expect(fits.body.data.createNotionModel).toMatchObject({ type: 'T'.repeat(255), version: 'é'.repeat(255) });
    const update = await gql(UPDATE, { id: fits.body.data.createNotionModel.block_id, input: { type: 'X', version: 'v'.repeat(300), content: {} } });
    expect(errorOf(update)?.extensions.code).toBe('BAD_INPUT');
  });

  test('REST: creating content of a type longer than 255 characters is TYPE_TOO_LONG', async () => {
    const tenant = await registerTenant(ctx.call);
    const block = 'L'.repeat(300);
    const definition = { name: 'Long', dataModel: { block, jsonSchema: { type: 'object', properties: {} } } };
    expect((await ctx.call('POST', `/api/definition?tenant=${tenant}`, { definition })).status).toBe(200);
    const reply = await ctx.call('POST', `/api/content/${block}?tenant=${tenant}`, { content: { a: 1 } });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'TYPE_TOO_LONG', message: expect.stringMatching(/type is 300 characters long/) });
  });
});

describe('NUL in GraphQL arguments is refused, as over REST (issue 8, item 7)', () => {
  test.each([
    ['content (variables)', () => gql(CREATE, { input: { type: 'NulType', content: { a: 'x\u0000y' } } }), 'input.content.a'],
    ['content (query text)', () => gql('mutation { createNotionModel(input: {type: "NulType", content: {a: "x\\u0000y"}}) { block_id } }'), 'input.content.a'],
    ['a content key', () => gql(CREATE, { input: { type: 'NulType', content: { 'a\u0000': 1 } } }), 'input.content'],
    ['content given as a JSON string', () => gql(CREATE, { input: { type: 'NulType', content: '{"a":"\\u0000"}' } }), 'input.content.a'],
    ['type', () => gql(CREATE, { input: { type: 'Nul\u0000Type', content: {} } }), 'input.type'],
    ['version', () => gql(CREATE, { input: { type: 'NulType', version: 'v\u0000', content: {} } }), 'input.version'],
  ])('%s: BAD_INPUT and nothing stored', async (_label, send, path) => {
    const error = errorOf(await send());
    expect(error).toMatchObject({ extensions: { code: 'BAD_INPUT' } });
    expect(error!.message).toContain(path);
    expect(error!.message).toMatch(/NUL/);
    const stored = await gql(LIST, { where: { OR: [{ type: { eq: 'NulType' } }, { type: { like: 'Nul%' } }] } });
    expect(stored.body.data.notionModel).toEqual([]);
  });

  test('update and replace refuse NUL too', async () => {
    const row = (await gql(CREATE, { input: { type: freshType(), content: { a: 1 } } })).body.data.createNotionModel;
    for (const mutation of [UPDATE, REPLACE]) {
      const reply = await gql(mutation, { id: row.block_id, input: { type: row.type, content: { a: '\u0000' } } });
      expect(errorOf(reply)?.extensions.code).toBe('BAD_INPUT');
    }
    expect((await gql(BY_PAGE, { id: row.page_id })).body.data.notionModelByPageId.content).toEqual({ a: 1 });
  });

  test.each([
    ['type.eq', { type: { eq: 'x\u0000' } }],
    ['content.contains', { content: { contains: '\u0000' } }],
    ['indexer.eq', { indexer: { path: 'a', eq: 'b\u0000' } }],
    ['a nested AND', { AND: [{ version: { in: ['v', 'w\u0000'] } }] }],
  ])('a filter holding NUL (%s) is BAD_WHERE', async (_label, filter) => {
    const error = errorOf(await gql(LIST, { where: filter }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_WHERE' }, message: expect.stringMatching(/NUL/) });
  });
});

describe('filters compare as PostgreSQL does (issue 8, item 9)', () => {
  let tenant: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    tenant = await registerTenant(ctx.call);
    for (const [name, title] of [['multiline', 'line1\nline2'], ['b', 'b'], ['d', 'd']]) {
      const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title, mode: 'work', tenantId: tenant, rank: name.length } });
      ids[name] = created.body.data._id;
    }
  });

  // Content rows are not filtered by tenant (contract), so each query names this tenant's rows.
  const found = async (filter: unknown) => {
    const reply = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ AND: [filter, { indexer: { path: 'tenantId', eq: tenant } }] })}`);
    expect(reply.status).toBe(200);
    return reply.body.data.map((item: any) => item._id).sort();
  };
  const named = (...names: string[]) => names.map((name) => ids[name]).sort();

  test('LIKE: % and _ match a newline', async () => {
    expect(await found({ 'content.title': { like: 'line1%line2' } })).toEqual(named('multiline'));
    expect(await found({ 'content.title': { like: 'line1_line2' } })).toEqual(named('multiline'));
    expect(await found({ 'content.title': { like: '%' } })).toEqual(named('multiline', 'b', 'd'));
    const type = freshType();
    const row = (await gql(CREATE, { input: { type, version: 'v1\nv2', content: {} } })).body.data.createNotionModel;
    for (const pattern of ['v1_v2', 'v1%v2', '%\n%']) {
      const viaGraphql = await gql(LIST, { where: { AND: [{ type: { eq: type } }, { version: { like: pattern } }] } });
      expect(viaGraphql.body.data.notionModel.map((item: any) => item.page_id)).toEqual([row.page_id]);
    }
    // On the content column the pattern sees jsonb text, where a newline is printed as \n: two characters.
    const jsonText = await gql(LIST, { where: { AND: [{ indexer: { path: 'tenantId', eq: tenant } }, { content: { like: '%"line1__line2"%' } }] } });
    expect(jsonText.body.data.notionModel.map((item: any) => item.page_id)).toEqual([ids.multiline]);
  });

  test('lt, lte, gt, gte and between order strings on a content path', async () => {
    expect(await found({ 'content.title': { lt: 'c' } })).toEqual(named('b'));
    expect(await found({ 'content.title': { lte: 'b' } })).toEqual(named('b'));
    expect(await found({ 'content.title': { gt: 'c' } })).toEqual(named('multiline', 'd'));
    expect(await found({ 'content.title': { gte: 'd' } })).toEqual(named('multiline', 'd'));
    expect(await found({ 'content.title': { between: ['a', 'c'] } })).toEqual(named('b'));
    // jsonb orders every string below every number, as PostgreSQL does.
    expect(await found({ 'content.title': { lt: 1 } })).toEqual(named('multiline', 'b', 'd'));
    expect(await found({ 'content.rank': { between: [1, 1] } })).toEqual(named('b', 'd'));
  });

  test('GraphQL contentJsonb orders numbers', async () => {
    const reply = await gql(LIST, { where: { AND: [{ indexer: { path: 'tenantId', eq: tenant } }, { contentJsonb: { path: 'rank', gt: 1, lte: 9 } }] } });
    expect(reply.body.data.notionModel.map((row: any) => row.page_id)).toEqual([ids.multiline]);
  });

  test('eq on a content path tells 0, "", false and null apart', async () => {
    const type = freshType();
    const rows: Record<string, string> = {};
    for (const [name, value] of [['zero', 0], ['empty', ''], ['false', false], ['null', null]] as const) {
      rows[name] = (await gql(CREATE, { input: { type, content: { v: value } } })).body.data.createNotionModel.page_id;
    }
    for (const [name, value] of [['zero', 0], ['empty', ''], ['false', false]] as const) {
      const reply = await ctx.call('GET', `/api/content/${type}?where=${where({ 'content.v': { eq: value } })}`);
      expect(reply.body.data.map((item: any) => item._id)).toEqual([rows[name]]);
    }
    const inList = await ctx.call('GET', `/api/content/${type}?where=${where({ 'content.v': { in: [0, false] } })}`);
    expect(inList.body.data.map((item: any) => item._id).sort()).toEqual([rows.zero, rows.false].sort());
  });
});
