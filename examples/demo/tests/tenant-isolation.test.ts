// Two customers on one Mesh: definitions are per tenant, and clients keep rows apart with filters.
import type { DefinitionInput } from '../../../src/client';

const invoiceDefinition = (tenantId: string): DefinitionInput => ({
  name: 'Invoice', tenantId,
  dataModel: {
    block: 'Invoice',
    jsonSchema: { type: 'object', properties: { number: { type: 'string' }, total: { type: 'number' } }, required: ['number'] },
    indexer: ['number', 'tenantId'],
    parent: { type: 'none' },
  },
});

describe('tenant isolation', () => {
  test('each file starts from the baseline: no notes left by other files on this worker', async () => {
    await expect(mesh.client.content('Notes').list({ where: { parent_id: { eq: 'any' } } })).resolves.toMatchObject({ total: 0 });
  });

  test('a definition registered for one tenant does not exist for another', async () => {
    const [acme, globex] = await Promise.all([mesh.factories.tenant(), mesh.factories.tenant()]);
    await mesh.client.withTenant(acme._id).definitions.register(invoiceDefinition(acme._id));

    await expect(mesh.client.withTenant(acme._id).content('Invoice').create({ number: 'A-1', tenantId: acme._id })).resolves.toHaveProperty('_id');
    await expect(mesh.client.withTenant(globex._id).content('Invoice').create({ number: 'G-1', tenantId: globex._id }))
      .rejects.toMatchObject({ status: 500, code: 'CONTENT_CREATE_ERR' });
  });

  test('rows are shared storage: a tenantId filter is what keeps one customer\'s notes from another', async () => {
    const [acmeUser, globexUser] = await Promise.all([mesh.factories.user(), mesh.factories.user()]);
    for (const user of [acmeUser, acmeUser, globexUser]) {
      await mesh.client.withTenant(user.tenantId).content('Notes').create({ tenantId: user.tenantId, userId: user._id, title: 'memo', mode: 'work' });
    }
    const notesOf = (tenantId: string) => mesh.client.withTenant(tenantId).content('Notes');

    await expect(notesOf(acmeUser.tenantId).list({ where: { indexer: { path: 'tenantId', equals: acmeUser.tenantId } } })).resolves.toMatchObject({ total: 2 });
    await expect(notesOf(globexUser.tenantId).list({ where: { indexer: { path: 'tenantId', equals: globexUser.tenantId } } })).resolves.toMatchObject({ total: 1 });
    // Without a filter the tenant only picks the definition; every tenant's rows are listed.
    await expect(notesOf(globexUser.tenantId).list()).resolves.toMatchObject({ total: 3 });
  });

  test('factory ids are UUIDs, unique within the file', async () => {
    const users = await Promise.all([mesh.factories.user(), mesh.factories.user(), mesh.factories.user()]);
    const ids = users.flatMap((user) => [user._id, user.tenantId]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
