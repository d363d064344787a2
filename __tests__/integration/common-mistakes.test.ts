import { randomUUID } from 'node:crypto';
import { MeshApiError, MeshClient, type DefinitionInput } from '../../src/client';
import { useServer } from '../support/http';

// The three mistakes a newcomer makes first (no tenant, a type never registered, a misspelt type),
// over real HTTP: the service's message stays as clients match it, `details.hint` tells them apart,
// and the client prints status, code and hint where Jest shows a failure.

const SERVICE_MESSAGE = (type: string) => `Internal error: Content definition for type "${type}" not found.`;

const invoice: DefinitionInput = {
  name: 'Invoice',
  dataModel: {
    block: 'Invoice',
    jsonSchema: { type: 'object', properties: { number: { type: 'string' }, customerId: { type: 'string' } } },
    indexer: ['number'],
    parent: { type: 'field', field: 'customerId' },
  },
};

const ctx = useServer();
let client: MeshClient;

beforeAll(() => {
  client = new MeshClient({ url: ctx.server.url, secret: ctx.server.secrets.mesh });
});

beforeEach(() => ctx.server.resetDatabase());

async function failure(call: Promise<unknown>): Promise<MeshApiError> {
  const outcome = await call.then(() => new Error('expected the call to fail, it succeeded'), (error: unknown) => error);
  expect(outcome).toBeInstanceOf(MeshApiError);
  return outcome as MeshApiError;
}

async function tenantWithCatalogue(extra: DefinitionInput[] = []): Promise<string> {
  const tenant = randomUUID();
  await client.withTenant(tenant).definitions.registerCatalogue(undefined, extra);
  return tenant;
}

const hintOf = (error: MeshApiError) => (error.details as { hint: string }).hint;

describe('forgot the tenant', () => {
  test('the hint says the request has no tenant, although Notes is registered for a tenant', async () => {
    const tenant = await tenantWithCatalogue();
    const error = await failure(client.content('Notes').create({ tenantId: tenant, title: 'x', mode: 'work' }));
    expect(error).toMatchObject({ status: 500, code: 'CONTENT_CREATE_ERR', message: SERVICE_MESSAGE('Notes') });
    expect(error.details).toMatchObject({ type: 'Notes', tenant: 'any' });
    expect(hintOf(error)).toBe('Notes is tenant-scoped and this request has no tenant: call client.withTenant(tenantId), or send ?tenant=<tenant UUID>');
  });

  test('a custom type registered for one tenant: same hint, not "unknown type"', async () => {
    await tenantWithCatalogue([invoice]);
    const error = await failure(client.content('Invoice').create({ number: 'A-1' }));
    expect(hintOf(error)).toMatch(/^Invoice is tenant-scoped and this request has no tenant: call client\.withTenant/);
  });

  test('a tenant that is not a UUID is named as such', async () => {
    await tenantWithCatalogue();
    const error = await failure(client.withTenant('acme').content('Notes').create({ tenantId: 'acme', title: 'x', mode: 'work' }));
    expect(hintOf(error)).toBe('Notes is tenant-scoped and the tenant "acme" is not a UUID: call client.withTenant(tenantId), or send ?tenant=<tenant UUID>');
  });
});

describe('a type that is not registered', () => {
  test('for any tenant: the hint says how to register it', async () => {
    const tenant = await tenantWithCatalogue();
    const error = await failure(client.withTenant(tenant).content('Invoice').create({ number: 'A-1' }));
    expect(error).toMatchObject({ status: 500, code: 'CONTENT_CREATE_ERR', message: SERVICE_MESSAGE('Invoice') });
    expect(hintOf(error)).toMatch(/^no definition of Invoice is registered for this request's tenant: register it first with POST \/api\/definition\?tenant=<tenant UUID>/);
    expect(hintOf(error)).toContain('testEnvironmentOptions.tenantDefinitions');
  });

  test('for other tenants only: the hint counts them', async () => {
    await tenantWithCatalogue([invoice]);
    await tenantWithCatalogue([invoice]);
    const error = await failure(client.withTenant(randomUUID()).content('Invoice').create({ number: 'A-1' }));
    expect(hintOf(error)).toMatch(/^no definition of Invoice is registered for this request's tenant \(it is registered for 2 other tenants\)/);
  });

  test('a catalogue type the tenant never registered points at the factory and registerCatalogue()', async () => {
    const error = await failure(client.withTenant(randomUUID()).content('Notes').create({ tenantId: 't', title: 'x', mode: 'work' }));
    expect(hintOf(error)).toBe(
      "Notes is a catalogue type that each tenant registers, and this request's tenant has not: "
        + 'create the tenant with mesh.factories.tenant(), or call client.withTenant(tenantId).definitions.registerCatalogue()',
    );
  });

  test('with no tenant either: both problems are named', async () => {
    const error = await failure(client.content('Invoice').create({ number: 'A-1' }));
    expect(hintOf(error)).toBe(
      'no definition of "Invoice" is registered for any tenant, and this request has no tenant: '
        + 'register the definition for a tenant, then call client.withTenant(tenantId), or send ?tenant=<tenant UUID>',
    );
  });
});

describe('a typo in a type name', () => {
  test.each([
    ['Note', 'Notes'],
    ['notes', 'Notes'],
    ['HtmlGenerations', 'HtmlGeneration'],
    ['Invoce', 'Invoice'],
  ])('%s: the hint asks "did you mean %s?"', async (typo, meant) => {
    const tenant = await tenantWithCatalogue([invoice]);
    const error = await failure(client.withTenant(tenant).content(typo).create({ title: 'x' }));
    expect(error.message).toBe(SERVICE_MESSAGE(typo));
    expect(hintOf(error)).toBe(`no definition of "${typo}" is registered for any tenant (did you mean "${meant}"?)`);
  });

  test('a typo without a tenant names both', async () => {
    const error = await failure(client.content('Notez').create({ title: 'x' }));
    expect(hintOf(error)).toBe(
      'no definition of "Notez" is registered for any tenant (did you mean "Notes"?), and this request has no tenant: '
        + 'call client.withTenant(tenantId), or send ?tenant=<tenant UUID>',
    );
  });

  test('a name far from every registered one gets no guess', async () => {
    const tenant = await tenantWithCatalogue();
    const error = await failure(client.withTenant(tenant).content('Zq').create({ title: 'x' }));
    expect(hintOf(error)).not.toContain('did you mean');
  });
});

describe('what a failing test prints', () => {
  test('the stack and String(error) carry status, code, message and hint; message stays the service text', async () => {
    const error = await failure(client.content('Notes').create({ tenantId: randomUUID(), title: 'x', mode: 'work' }));
    const printed = `MeshApiError [500 CONTENT_CREATE_ERR] ${SERVICE_MESSAGE('Notes')} — hint: ${hintOf(error)}`;
    expect(String(error)).toBe(printed);
    expect(error.stack?.split('\n')[0]).toBe(printed);
    expect(error.stack).toMatch(/\n {4}at /);
    expect(error.message).toBe(SERVICE_MESSAGE('Notes'));
  });

  test('the raw envelope, as a non-JS client sees it, has the hint in error.details', async () => {
    const response = await ctx.call('POST', `/api/content/Note?tenant=${await tenantWithCatalogue()}`, { content: { title: 'x' } });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      success: false,
      error: {
        message: SERVICE_MESSAGE('Note'),
        code: 'CONTENT_CREATE_ERR',
        details: { type: 'Note', tenant: expect.any(String), hint: 'no definition of "Note" is registered for any tenant (did you mean "Notes"?)' },
      },
    });
  });
});
