// The application's own client, configured only by MESH_ENDPOINT and MESH_SHARED_SECRET.
import { findNoteTitles } from '../app/notes-search';

test('application code reaches this worker\'s emulator through the environment', async () => {
  const user = await mesh.factories.user();
  const notes = mesh.client.withTenant(user.tenantId).content('Notes');
  await notes.create({ title: 'Groceries for Monday', mode: 'personal', tenantId: user.tenantId, userId: user._id });
  await notes.create({ title: 'Standup', mode: 'work', tenantId: user.tenantId, userId: user._id });

  expect(process.env.MESH_ENDPOINT).toBe(mesh.graphqlUrl);
  await expect(findNoteTitles(user.tenantId, 'groceries')).resolves.toEqual(['Groceries for Monday']);
});
