import { TestIdSource } from '../../environment/test-ids';

const FILE = '__tests__/environment/mesh-global.test.ts';
const expectedIds = (scope: string, count: number): string[] => {
  const source = new TestIdSource(FILE);
  source.enter(scope);
  return Array.from({ length: count }, () => source.next());
};

async function tenantCount(): Promise<number> {
  return (await mesh.client.content('Tenant').list({ limit: 1 })).total;
}

// Created in beforeAll to prove the file started from the baseline and that hooks get ids too.
let startTenants = -1;
let hookTenantId = '';
beforeAll(async () => {
  startTenants = await tenantCount();
  hookTenantId = (await mesh.factories.tenant())._id;
});

describe('the mesh global', () => {
  test('points at this worker’s running emulator', async () => {
    expect(mesh.apiUrl).toBe(`${mesh.url}/api`);
    expect(mesh.graphqlUrl).toBe(`${mesh.url}/graphql`);
    expect(mesh.url).toBe(`http://127.0.0.1:${mesh.port}`);
    expect(mesh.workerId).toBe(Number(process.env.JEST_WORKER_ID));
    expect(mesh.secrets).toEqual({ mesh: 'test-mesh-secret', botControl: 'test-bot-secret' });
    expect(await (await fetch(`${mesh.url}/health`)).json()).toEqual({ status: 'ok' });
  });

  test('each file starts from the baseline', () => {
    expect(startTenants).toBe(0);
  });

  test('the client carries service credentials', async () => {
    const unauthenticated = await fetch(`${mesh.apiUrl}/definition/Tenant`);
    expect(unauthenticated.status).toBe(401);
    expect(await mesh.client.definitions.get('Tenant')).toMatchObject({ name: 'Tenant' });
  });
});

describe('mesh.factories', () => {
  test('tenant() creates the record and registers the catalogue for it in one call', async () => {
    const tenant = await mesh.factories.tenant({ name: 'Acme' });
    expect(tenant).toMatchObject({ name: 'Acme', status: 'active' });
    expect(await mesh.client.content('Tenant').get(tenant._id)).toMatchObject({ _id: tenant._id, name: 'Acme' });
    const scoped = mesh.client.withTenant(tenant._id);
    for (const type of ['Notes', 'HtmlGeneration', 'AppletStorage']) {
      expect(await scoped.definitions.get(type)).toMatchObject({ tenantId: tenant._id });
    }
  });

  test('user() creates a user in a new tenant, or in the one given', async () => {
    const alone = await mesh.factories.user();
    expect(await mesh.client.content('Tenant').get(alone.tenantId)).not.toBeNull();
    const tenant = await mesh.factories.tenant();
    const member = await mesh.factories.user({ tenantId: tenant._id, email: 'ada@example.test' });
    expect(member).toMatchObject({ tenantId: tenant._id, email: 'ada@example.test' });
    const note = await mesh.client.withTenant(tenant._id).content('Notes').create({
      userId: member._id, tenantId: tenant._id, title: 'Hello', content: 'x', mode: 'work',
    });
    expect(note.userId).toBe(member._id);
  });

  test('ids follow the file, the test name and the call order', async () => {
    const tenant = await mesh.factories.tenant();
    const user = await mesh.factories.user({ tenantId: tenant._id });
    const other = await mesh.factories.user();
    const [tenantId, userId, otherTenantId, otherUserId] = expectedIds(
      'mesh.factories > ids follow the file, the test name and the call order', 4);
    expect([tenant._id, user._id, other.tenantId, other._id]).toEqual([tenantId, userId, otherTenantId, otherUserId]);
    expect(hookTenantId).toBe(expectedIds('beforeAll', 1)[0]);
  });

  test('resetDb() goes back to the baseline', async () => {
    await mesh.factories.tenant();
    expect(await tenantCount()).toBeGreaterThan(0);
    await mesh.resetDb();
    expect(await tenantCount()).toBe(0);
    expect(await mesh.client.definitions.get('Tenant')).not.toBeNull();
  });
});
