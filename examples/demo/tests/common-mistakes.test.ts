// Three mistakes everyone makes once, and the first line Jest prints for each.
const printed = (call: Promise<unknown>) => call.then(() => 'no error', (error: unknown) => String(error));

test('forgot the tenant', async () => {
  const user = await mesh.factories.user();
  const create = mesh.client.content('Notes').create({ title: 'Groceries', mode: 'personal', tenantId: user.tenantId });

  expect(await printed(create)).toBe('MeshApiError [500 CONTENT_CREATE_ERR] Internal error: Content definition for type "Notes" not found.'
    + ' — hint: Notes is tenant-scoped and this request has no tenant: call client.withTenant(tenantId), or send ?tenant=<tenant UUID>');
});

test('a type nobody registered', async () => {
  const tenant = await mesh.factories.tenant();
  const create = mesh.client.withTenant(tenant._id).content('Receipt').create({ total: 12 });

  expect(await printed(create)).toBe('MeshApiError [500 CONTENT_CREATE_ERR] Internal error: Content definition for type "Receipt" not found.'
    + " — hint: no definition of Receipt is registered for this request's tenant: register it first with"
    + ' POST /api/definition?tenant=<tenant UUID> (client.withTenant(tenantId).definitions.register(definition)),'
    + ' or list it in testEnvironmentOptions.tenantDefinitions so mesh.factories.tenant() registers it');
});

test('a typo in the type name', async () => {
  const tenant = await mesh.factories.tenant();
  const create = mesh.client.withTenant(tenant._id).content('Note').create({ title: 'Groceries' });

  expect(await printed(create)).toBe('MeshApiError [500 CONTENT_CREATE_ERR] Internal error: Content definition for type "Note" not found.'
    + ' — hint: no definition of "Note" is registered for any tenant (did you mean "Notes"?)');
});
