// "Open my note about the dentist": fuzzy title search with the indexer `contains` operator.
import { botStoreFor } from '../app/bot-store';

describe('searching a user\'s notes by title', () => {
  let user: Awaited<ReturnType<typeof mesh.factories.user>>;
  let bot: ReturnType<typeof botStoreFor>;

  beforeAll(async () => {
    user = await mesh.factories.user();
    bot = botStoreFor(user.tenantId);
    for (const title of ['Dentist appointment', 'Call the DENTIST back', 'Quarterly report', '50% off sale', 'snake_case rules']) {
      await bot.createNote(user._id, title, `about: ${title}`);
    }
  });

  test('matches a substring, case-insensitively', async () => {
    const found = await bot.searchNotes(user._id, 'dentist');
    expect(found.map((n) => n.title).sort()).toEqual(['Call the DENTIST back', 'Dentist appointment']);
  });

  test('LIKE wildcards in the search text are literal characters', async () => {
    await expect(bot.searchNotes(user._id, '50%')).resolves.toEqual([expect.objectContaining({ title: '50% off sale' })]);
    await expect(bot.searchNotes(user._id, 'e_c')).resolves.toEqual([expect.objectContaining({ title: 'snake_case rules' })]);
    await expect(bot.searchNotes(user._id, '%')).resolves.toHaveLength(1);
  });

  test('another user with the same words finds only their own notes', async () => {
    const colleague = await mesh.factories.user({ tenantId: user.tenantId });
    await bot.createNote(colleague._id, 'Dentist for the kids', 'tuesday');

    await expect(bot.searchNotes(colleague._id, 'dentist')).resolves.toHaveLength(1);
    await expect(bot.searchNotes(user._id, 'dentist')).resolves.toHaveLength(2);
  });

  test('no match is an empty list, not an error', async () => {
    await expect(bot.searchNotes(user._id, 'holiday')).resolves.toEqual([]);
  });
});
