// The first test shown in the README: keep the two in step.
test('a user keeps a note', async () => {
  const user = await mesh.factories.user();
  const notes = mesh.client.withTenant(user.tenantId).content('Notes');

  const note = await notes.create({ title: 'Groceries', mode: 'personal', tenantId: user.tenantId, userId: user._id });
  const page = await notes.list({ where: { parent_id: { eq: user._id } } });

  expect(page.items).toEqual([note]);
});
