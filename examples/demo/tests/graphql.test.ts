// Dashboards read Mesh through GraphQL; the rows are the same ones REST wrote.
interface Row { page_id: string; parent_id: string | null; type: string; content: Record<string, unknown>; block_id: string }

describe('GraphQL over the rows the REST API wrote', () => {
  const byTenant = `query Notes($tenant: JSON) {
    notionModel(where: { type: { eq: "Notes" }, indexer: { path: "tenantId", eq: $tenant } }, orderBy: [{ field: "page_id", direction: ASC }]) {
      page_id parent_id type content block_id
    }
  }`;

  test('notionModel lists a tenant\'s notes with their owner as parent_id', async () => {
    const user = await mesh.factories.user();
    const notes = mesh.client.withTenant(user.tenantId).content('Notes');
    const created = [
      await notes.create({ tenantId: user.tenantId, userId: user._id, title: 'One', mode: 'work' }),
      await notes.create({ tenantId: user.tenantId, userId: user._id, title: 'Two', mode: 'personal' }),
    ];

    const data = await mesh.client.graphql<{ notionModel: Row[] }>(byTenant, { tenant: user.tenantId });

    expect(data.notionModel.map((row) => row.page_id)).toEqual(created.map((n) => n._id).sort());
    expect(data.notionModel.every((row) => row.parent_id === user._id && row.type === 'Notes')).toBe(true);
  });

  test('notionModelByPageId returns the record; an update through GraphQL shows up in REST', async () => {
    const user = await mesh.factories.user();
    const notes = mesh.client.withTenant(user.tenantId).content('Notes');
    const note = await notes.create({ tenantId: user.tenantId, userId: user._id, title: 'Draft', mode: 'work' });

    const { notionModelByPageId: row } = await mesh.client.graphql<{ notionModelByPageId: Row }>(
      'query ($id: String!) { notionModelByPageId(page_id: $id) { block_id content } }', { id: note._id });
    expect(row.content).toMatchObject({ title: 'Draft' });

    await mesh.client.graphql(
      'mutation ($block: String!, $input: NotionModelInput!) { updateNotionModel(block_id: $block, input: $input) { page_id } }',
      { block: row.block_id, input: { type: 'Notes', content: { title: 'Final' } } });

    await expect(notes.get(note._id)).resolves.toMatchObject({ title: 'Final', mode: 'work' });
  });

  test('a query error comes back as a MeshApiError carrying the GraphQL errors', async () => {
    await expect(mesh.client.graphql('{ notionModel { noSuchField } }')).rejects.toMatchObject({
      name: 'MeshApiError',
      details: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('noSuchField') })]),
    });
  });
});
