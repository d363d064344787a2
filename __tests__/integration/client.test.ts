import { randomUUID } from 'node:crypto';
import { testDatabase } from '../support/backend';
import { signMeshJwt } from '../../src/auth/jwt';
import {
  MeshApiError,
  MeshClient,
  type DefinitionInput,
  type HtmlGenerationContent,
  type MeshContentTypes,
  type MeshItem,
  type MeshWhere,
  type NoteContent,
} from '../../src/client';
import { startMeshServer, type StartedMeshServer } from '../../src/server';

// Consumers write `declare module 'jest-environment-mesh/client'`; inside the repo the path is relative.
declare module '../../src/client' {
  interface MeshContentTypes {
    Widget: { label: string; size: number; ownerId?: string };
  }
}

const widgetDefinition: DefinitionInput = {
  name: 'Widget',
  dataModel: {
    block: 'Widget',
    jsonSchema: { type: 'object', properties: { label: { type: 'string' }, size: { type: 'number' }, ownerId: { type: 'string' } } },
    indexer: ['label'],
    parent: { type: 'field', field: 'ownerId' },
  },
};

let server: StartedMeshServer;
let client: MeshClient;

beforeAll(async () => {
  server = await startMeshServer(testDatabase());
  client = new MeshClient({ url: server.url, secret: server.secrets.mesh });
});

afterAll(() => server.close());

beforeEach(() => server.resetDatabase());

/** A client scoped to a fresh tenant whose catalogue is registered. */
async function tenantWithCatalogue(extra: DefinitionInput[] = []): Promise<{ tenant: string; tc: MeshClient }> {
  const tenant = randomUUID();
  const tc = client.withTenant(tenant);
  await tc.definitions.registerCatalogue(undefined, extra);
  return { tenant, tc };
}

const note = (tenantId: string, fields: Partial<NoteContent> = {}): NoteContent => ({ tenantId, title: 'A note', mode: 'work', ...fields });

/** The rejection of a call that must fail; a call that succeeds fails the test. */
async function failure(call: Promise<unknown>): Promise<MeshApiError> {
  const outcome = await call.then(
    () => new Error('expected the call to fail, it succeeded'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(MeshApiError);
  return outcome as MeshApiError;
}

describe('server and base URL', () => {
  test('health() is true against a running server', async () => {
    await expect(client.health()).resolves.toBe(true);
  });

  test('a base URL ending in /api is accepted, as Mesh clients hold it', async () => {
    const viaApi = new MeshClient({ url: server.apiUrl, botControlSecret: server.secrets.botControl });
    expect(viaApi.url).toBe(server.url);
    await expect(viaApi.definitions.get('Tenant')).resolves.toMatchObject({ name: 'Tenant' });
  });

  test('resetDatabase() drops registered definitions and content', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const created = await tc.content('Notes').create(note(tenant));
    await client.resetDatabase();
    await expect(tc.definitions.get('Notes')).resolves.toBeNull();
    await expect(tc.content('Notes').get(created._id)).resolves.toBeNull();
    await expect(client.definitions.get('Tenant')).resolves.not.toBeNull();
  });
});

describe('definitions', () => {
  test('get() returns a platform definition with its _id, and null for an unknown type', async () => {
    const tenantDefinition = await client.definitions.get('Tenant');
    expect(tenantDefinition).toMatchObject({ name: 'Tenant', dataModel: { block: 'Tenant' }, _id: expect.any(String) });
    await expect(client.withTenant(randomUUID()).definitions.get('NoSuchType')).resolves.toBeNull();
  });

  test('get() of a tenant-scoped type without a UUID tenant throws 400, as the service does', async () => {
    const error = await failure(client.definitions.get('Notes'));
    expect(error).toMatchObject({ status: 400, code: 'INVALID_TENANT_ID', message: expect.stringContaining('Invalid tenant ID') });
  });

  test('registerCatalogue() registers the catalogue for the client tenant only', async () => {
    const tenant = randomUUID();
    const stored = await client.withTenant(tenant).definitions.registerCatalogue();
    expect(stored.map((d) => [d.name, d.tenantId])).toEqual([
      ['Notes', tenant],
      ['HtmlGeneration', tenant],
      ['AppletStorage', tenant],
    ]);
    expect(stored.every((d) => typeof d._id === 'string')).toBe(true);
    await expect(client.withTenant(tenant).definitions.get('AppletStorage')).resolves.toMatchObject({ tenantId: tenant });
    await expect(client.withTenant(randomUUID()).definitions.get('Notes')).resolves.toBeNull();
  });

  test('registerCatalogue(tenantId, extra) works from an unscoped client and adds the extra types', async () => {
    const tenant = randomUUID();
    const stored = await client.definitions.registerCatalogue(tenant, [widgetDefinition]);
    expect(stored.map((d) => d.name)).toEqual(['Notes', 'HtmlGeneration', 'AppletStorage', 'Widget']);
    await expect(client.withTenant(tenant).definitions.get('Widget')).resolves.toMatchObject({ tenantId: tenant, name: 'Widget' });
  });

  test('register() stores a definition and registering it again with changes replaces it', async () => {
    const tenant = randomUUID();
    const tc = client.withTenant(tenant);
    const first = await tc.definitions.register({ ...widgetDefinition, tenantId: tenant, description: 'v1' });
    expect(first).toMatchObject({ name: 'Widget', description: 'v1', _id: expect.any(String) });
    await tc.definitions.register({ ...widgetDefinition, tenantId: tenant, description: 'v2' });
    await expect(tc.definitions.get('Widget')).resolves.toMatchObject({ description: 'v2' });
  });

  test('register() of an invalid definition throws the contract code with status 400', async () => {
    const badSchema = { ...widgetDefinition, dataModel: { ...widgetDefinition.dataModel, jsonSchema: { type: 'array' } } };
    const error = await failure(client.withTenant(randomUUID()).definitions.register(badSchema as unknown as DefinitionInput));
    expect(error).toMatchObject({ name: 'MeshApiError', status: 400, code: 'INVALID_SCHEMA_TYPE' });
  });
});

describe('content', () => {
  test('create() returns the stored content with an _id, and get() reads it back', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const userId = randomUUID();
    const created = await tc.content('Notes').create(note(tenant, { userId, sourceFile: { type: 'pdf', name: 'a.pdf' } }));
    expect(created).toEqual({ ...note(tenant, { userId, sourceFile: { type: 'pdf', name: 'a.pdf' } }), _id: expect.any(String) });
    await expect(tc.content('Notes').get(created._id)).resolves.toEqual(created);
  });

  test('create() keeps a given _id', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const id = randomUUID();
    await expect(tc.content('Notes').create({ ...note(tenant), _id: id })).resolves.toMatchObject({ _id: id });
  });

  test('get() is null for an absent id and for an id that is not a UUID', async () => {
    const { tc } = await tenantWithCatalogue();
    await expect(tc.content('Notes').get(randomUUID())).resolves.toBeNull();
    await expect(tc.content('Notes').get('not-a-uuid')).resolves.toBeNull();
  });

  test('list() filters with where and pages with limit and offset, oldest first', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const [alice, bob] = [randomUUID(), randomUUID()];
    const notes = tc.content('Notes');
    for (const title of ['one', 'two', 'three']) await notes.create(note(tenant, { title, userId: alice }));
    await notes.create(note(tenant, { title: 'bob', userId: bob }));
    const where = { AND: [{ indexer: { path: 'tenantId', equals: tenant } }, { parent_id: { eq: alice } }] };

    const first = await notes.list({ where, limit: 2 });
    expect({ titles: first.items.map((n) => n.title), total: first.total, hasMore: first.hasMore }).toEqual({ titles: ['one', 'two'], total: 3, hasMore: true });
    const rest = await notes.list({ where, limit: 2, offset: 2 });
    expect({ titles: rest.items.map((n) => n.title), total: rest.total, hasMore: rest.hasMore }).toEqual({ titles: ['three'], total: 3, hasMore: false });

    const either = await notes.list({ where: { OR: [{ 'content.title': 'bob' }, { indexer: { path: 'title', eq: 'one' } }], parent_id: { eq: 'any' } } });
    expect(either.items.map((n) => n.title).sort()).toEqual(['bob', 'one']);
  });

  test('where values with quotes, %, _, backslashes, & and + round-trip through the URL exactly', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const hostile = `it's 100% _a_ \\ "q" & b=c+d ü 🌍`;
    await tc.content('Notes').create(note(tenant, { title: hostile }));
    await tc.content('Notes').create(note(tenant, { title: `it's 100x Xa_ \\ "q" & b=c d ü 🌍` }));
    const found = await tc.content('Notes').list({ where: { indexer: { path: 'title', equals: hostile } } });
    expect(found.items.map((n) => n.title)).toEqual([hostile]);
  });

  test('MeshWhere operators are ones the server accepts and applies', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const createdBy = randomUUID();
    const app = (title: string, tags: string[]): HtmlGenerationContent =>
      ({ title, contentType: 'game', htmlContent: '<p/>', userRequest: 'r', tenantId: tenant, createdBy, tags });
    const apps = tc.content('HtmlGeneration');
    const [snake, chess] = [await apps.create(app('Snake', ['game', 'retro'])), await apps.create(app('Chess', ['board']))];
    const titles = async (where: MeshWhere) => (await apps.list({ where })).items.map((item) => item.title);

    expect(await titles({ indexer: { path: 'tags', hasSome: ['retro', 'x'] } })).toEqual(['Snake']);
    expect(await titles({ indexer: { path: 'tags', has: 'board' } })).toEqual(['Chess']);
    expect(await titles({ indexer: { path: 'tags', hasNone: ['retro'] } })).toEqual(['Chess']);
    expect(await titles({ indexer: { path: 'title', contains: 'NAK' } })).toEqual(['Snake']);
    expect(await titles({ indexer: { path: 'title', ne: 'Snake' } })).toEqual(['Chess']);
    expect(await titles({ page_id: { in: [chess._id] } })).toEqual(['Chess']);
    expect(await titles({ page_id: { nin: [chess._id] }, parent_id: createdBy })).toEqual(['Snake']);
    expect(await titles({ 'content.title': { startsWith: 'Ch' } })).toEqual(['Chess']);
    expect(await titles({ 'indexer.title': { like: 'Sn%' } })).toEqual(['Snake']);
    expect(await titles({ or: [{ page_id: snake._id }, { 'content.title': { endsWith: 'ess' } }] })).toEqual(['Snake', 'Chess']);
  });

  test('list() with a where the contract rejects throws 400 BAD_WHERE', async () => {
    const { tc } = await tenantWithCatalogue();
    await expect(failure(tc.content('Notes').list({ where: { AND: [] } }))).resolves.toMatchObject({ status: 400, code: 'BAD_WHERE' });
    // @ts-expect-error MeshWhere has no such field, and the server agrees
    await expect(failure(tc.content('Notes').list({ where: { title: 'x' } }))).resolves.toMatchObject({ status: 400, code: 'BAD_WHERE' });
  });

  test('update() shallow-merges (PATCH) and replace() replaces (PUT)', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const notes = tc.content('Notes');
    const created = await notes.create(note(tenant, { content: 'old', sourceFile: { type: 'pdf', name: 'a.pdf' } }));

    const patched = await notes.update(created._id, { content: 'new', sourceFile: { type: 'doc' } });
    expect(patched).toEqual({ ...created, content: 'new', sourceFile: { type: 'doc' } });

    const replaced = await notes.replace(created._id, note(tenant, { title: 'only', mode: 'personal' }));
    expect(replaced).toEqual({ ...note(tenant, { title: 'only', mode: 'personal' }), _id: created._id });
    await expect(notes.get(created._id)).resolves.toEqual(replaced);
  });

  test('update() and replace() of an absent record throw 404 (HTTP_404: the service sends no code)', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    await expect(failure(tc.content('Notes').update(randomUUID(), { title: 'x' }))).resolves.toMatchObject({ status: 404, code: 'HTTP_404', message: 'Content not found' });
    await expect(failure(tc.content('Notes').replace(randomUUID(), note(tenant)))).resolves.toMatchObject({ status: 404, code: 'HTTP_404', message: 'Content not found' });
  });

  test('delete() is true once, then false', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const created = await tc.content('Notes').create(note(tenant));
    await expect(tc.content('Notes').delete(created._id)).resolves.toBe(true);
    await expect(tc.content('Notes').delete(created._id)).resolves.toBe(false);
    await expect(tc.content('Notes').get(created._id)).resolves.toBeNull();
  });

  test('create() without a definition for the tenant throws 500 CONTENT_CREATE_ERR', async () => {
    const error = await failure(client.withTenant(randomUUID()).content('Notes').create(note(randomUUID())));
    expect(error).toMatchObject({ name: 'MeshApiError', status: 500, code: 'CONTENT_CREATE_ERR' });
    expect(error.message).toBe('Internal error: Content definition for type "Notes" not found.');
  });

  test('create() with a parent field that is not a UUID throws 500 CONTENT_CREATE_ERR', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const error = await failure(tc.content('Notes').create(note(tenant, { userId: 'not-a-uuid' })));
    expect(error).toMatchObject({ status: 500, code: 'CONTENT_CREATE_ERR' });
    expect(error.message).toContain('userId');
  });
});

describe('credentials', () => {
  test('a wrong secret is 401: UNAUTHORIZED on REST, HTTP_401 on GraphQL (whose 401 body, as the service\'s, has no code)', async () => {
    const wrong = new MeshClient({ url: server.url, secret: 'wrong' });
    const expected = { name: 'MeshApiError', status: 401, code: 'UNAUTHORIZED' };
    await expect(failure(wrong.definitions.get('Tenant'))).resolves.toMatchObject(expected);
    await expect(failure(wrong.graphql('{ notionModel(limit: 1) { id } }'))).resolves.toMatchObject({
      name: 'MeshApiError', status: 401, code: 'HTTP_401', message: expect.stringContaining('Unauthorized: missing or invalid mesh secret'),
    });
    await expect(failure(new MeshClient({ url: server.url }).resetDatabase())).resolves.toMatchObject(expected);
  });

  test('a Bearer token is accepted and its tenant claim selects the definitions', async () => {
    const { tenant } = await tenantWithCatalogue();
    const token = signMeshJwt({ sub: randomUUID(), tenant }, server.secrets.jwtSigningKey);
    const viaToken = new MeshClient({ url: server.url, token });
    await expect(viaToken.definitions.get('Notes')).resolves.toMatchObject({ tenantId: tenant });
    await expect(viaToken.content('Notes').create(note(tenant))).resolves.toMatchObject({ tenantId: tenant });
  });
});

describe('graphql', () => {
  interface NotionModels { notionModel: { page_id: string; type: string; content: NoteContent }[] }

  test('queries see what REST wrote, and mutations write what REST reads', async () => {
    const { tenant, tc } = await tenantWithCatalogue();
    const created = await tc.content('Notes').create(note(tenant, { title: 'from REST' }));
    const query = 'query($pageId: String) { notionModel(where: { page_id: { eq: $pageId } }) { page_id type content } }';
    const { notionModel } = await client.graphql<NotionModels>(query, { pageId: created._id });
    expect(notionModel).toEqual([{ page_id: created._id, type: 'Notes', content: note(tenant, { title: 'from REST' }) }]);

    const mutation = 'mutation($input: NotionModelInput!) { createNotionModel(input: $input) { page_id } }';
    const input = { type: 'Notes', content: note(tenant, { title: 'from GraphQL' }) };
    const { createNotionModel } = await client.graphql<{ createNotionModel: { page_id: string } }>(mutation, { input });
    await expect(tc.content('Notes').get(createNotionModel.page_id)).resolves.toMatchObject({ title: 'from GraphQL' });
  });

  test('GraphQL errors throw MeshApiError with the first code and all errors as details', async () => {
    const error = await failure(client.graphql('{ notionModel { noSuchField } }'));
    expect(error).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: expect.stringContaining('noSuchField') });
    expect(error.details).toEqual([expect.objectContaining({ message: error.message })]);
    await expect(failure(client.graphql('{ notionModel('))).resolves.toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});

describe('typing (compile-time checks: a wrong type fails tsc --noEmit)', () => {
  test('names in MeshContentTypes, built in or augmented, type records without a type argument', async () => {
    const { tenant, tc } = await tenantWithCatalogue([widgetDefinition]);
    const widget = await tc.content('Widget').create({ label: 'w', size: 2 });
    // Each annotation fails to compile if content('Widget') or content('Notes') fell back to Record<string, unknown>.
    const size: number = widget.size;
    const mode: NoteContent['mode'] = (await tc.content('Notes').create(note(tenant))).mode;
    const absent: MeshItem<MeshContentTypes['Notes']> | null = await tc.content('Notes').get(widget._id);
    const loose = await tc.content('NotInTheInterface').list();
    const first: (Record<string, unknown> & { _id: string }) | undefined = loose.items[0];
    // @ts-expect-error size is a number in the augmentation
    const wrong: MeshContentTypes['Widget'] = { label: 'w', size: '2' };
    expect([size, mode, absent, first, wrong.label]).toEqual([2, 'work', null, undefined, 'w']);
  });
});
