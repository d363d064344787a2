// PATCH merges one level deep; PUT replaces the record. Teams trip over the difference, so pin it.
describe('editing a note: PATCH vs PUT', () => {
  async function noteWithSource() {
    const user = await mesh.factories.user();
    const notes = mesh.client.withTenant(user.tenantId).content('Notes');
    const note = await notes.create({
      tenantId: user.tenantId, userId: user._id, title: 'Lecture 4', mode: 'work',
      content: 'transcript…', sourceFile: { type: 'audio', name: 'lecture-4.m4a' },
    });
    return { notes, note, user };
  }

  test('PATCH keeps the fields it was not sent', async () => {
    const { notes, note } = await noteWithSource();

    const patched = await notes.update(note._id, { title: 'Lecture 4 (revised)' });

    expect(patched).toMatchObject({ title: 'Lecture 4 (revised)', content: 'transcript…', mode: 'work' });
    await expect(notes.get(note._id)).resolves.toEqual(patched);
  });

  test('PATCH replaces a nested object whole instead of merging into it', async () => {
    const { notes, note } = await noteWithSource();

    const patched = await notes.update(note._id, { sourceFile: { type: 'pdf' } });

    expect(patched.sourceFile).toEqual({ type: 'pdf' });
  });

  test('PATCH with null stores null rather than deleting the field', async () => {
    const { notes, note } = await noteWithSource();

    const patched = await notes.update(note._id, { sourceFile: null } as never);

    expect(patched).toHaveProperty('sourceFile', null);
  });

  test('PUT drops every field it was not sent', async () => {
    const { notes, note, user } = await noteWithSource();

    const replaced = await notes.replace(note._id, { tenantId: user.tenantId, userId: user._id, title: 'Lecture 4', mode: 'personal' });

    expect(replaced).toEqual({ _id: note._id, tenantId: user.tenantId, userId: user._id, title: 'Lecture 4', mode: 'personal' });
  });

  test('the indexer follows the edit, so filters see the new value', async () => {
    const { notes, note, user } = await noteWithSource();
    await notes.update(note._id, { mode: 'personal' });

    const byMode = (mode: string) => notes.list({
      where: { AND: [{ indexer: { path: 'tenantId', equals: user.tenantId } }, { indexer: { path: 'mode', eq: mode } }] },
    });

    await expect(byMode('personal')).resolves.toMatchObject({ total: 1 });
    await expect(byMode('work')).resolves.toMatchObject({ total: 0 });
  });

  test('editing a note that does not exist is a 404', async () => {
    const { notes } = await noteWithSource();
    const missing = '0f8f3c3e-9d7b-4a47-8f0e-3b8f7c1d2a90';

    await expect(notes.update(missing, { title: 'x' })).rejects.toMatchObject({ name: 'MeshApiError', status: 404 });
    await expect(notes.replace(missing, { tenantId: missing, title: 'x', mode: 'work' })).rejects.toMatchObject({ status: 404 });
  });
});
