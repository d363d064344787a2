// A custom content type (content-types/order.js, typed by content-types/order.ts).
test('a tenant takes orders from its customers', async () => {
  const tenant = await mesh.factories.tenant(); // registers Order too (tenantDefinitions)
  const customer = await mesh.factories.user({ tenantId: tenant._id });
  const orders = mesh.client.withTenant(tenant._id).content('Order');

  const paid = await orders.create({
    number: 'O-1', tenantId: tenant._id, customerId: customer._id, status: 'paid', total: 120,
    shipTo: { name: 'Ada', country: 'FR' },
  });
  await orders.create({ number: 'O-2', tenantId: tenant._id, customerId: customer._id, status: 'open', total: 80 });

  const toShip = await orders.list({
    where: { AND: [{ parent_id: { eq: customer._id } }, { indexer: { path: 'status', eq: 'paid' } }] },
  });
  const toFrance = await orders.list({ where: { indexer: { path: 'shipTo.country', eq: 'FR' } } });

  expect(toShip.items).toEqual([paid]);
  expect(toFrance.items.map((order) => order.number)).toEqual(['O-1']);
  // @ts-expect-error status is 'open' | 'paid' | 'shipped': the declaration types every call
  await orders.create({ ...paid, status: 'lost' }).catch(() => undefined);
});
