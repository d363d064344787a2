// The bot's note lifecycle for one user: create, read back by id, edit, delete.
import { botStoreFor } from '../app/bot-store';

describe('a user keeps voice notes', () => {
  test('a note the bot creates is stored under the user, in the tenant', async () => {
    const user = await mesh.factories.user();
    const bot = botStoreFor(user.tenantId);

    const note = await bot.createNote(user._id, 'Groceries', 'milk, eggs, coffee');

    const stored = await mesh.client.withTenant(user.tenantId).content('Notes').get(note._id);
    expect(stored).toEqual({
      _id: note._id, userId: user._id, tenantId: user.tenantId,
      title: 'Groceries', normalizedTitle: 'groceries', content: 'milk, eggs, coffee', mode: 'personal',
    });
  });

  test('the bot reads a note back by id with a page_id where', async () => {
    const user = await mesh.factories.user();
    const bot = botStoreFor(user.tenantId);
    const note = await bot.createNote(user._id, 'Standup', 'blocked on review', 'work');

    await expect(bot.getNote(note._id)).resolves.toMatchObject({ title: 'Standup', mode: 'work' });
    await expect(bot.getNote('5b0d5f7e-1c1b-4f5e-9a57-9a1d3c6f0e11')).resolves.toBeNull();
  });

  test('dictating more text updates only the content', async () => {
    const user = await mesh.factories.user();
    const bot = botStoreFor(user.tenantId);
    const note = await bot.createNote(user._id, 'Ideas', 'a voice-controlled kettle');

    const updated = await bot.updateNoteContent(note._id, 'a voice-controlled kettle; a singing toaster');

    expect(updated).toMatchObject({ title: 'Ideas', content: 'a voice-controlled kettle; a singing toaster' });
  });

  test('a deleted note is gone for good', async () => {
    const user = await mesh.factories.user();
    const bot = botStoreFor(user.tenantId);
    const note = await bot.createNote(user._id, 'Temporary', 'delete me');

    await bot.deleteNote(note._id);

    const notes = mesh.client.withTenant(user.tenantId).content('Notes');
    await expect(notes.get(note._id)).resolves.toBeNull();
    await expect(notes.delete(note._id)).resolves.toBe(false);
    await expect(bot.deleteNote(note._id)).rejects.toMatchObject({ name: 'BotStoreError', status: 404 });
  });
});
