// The bot's recovery path: the first note of a tenant Mesh has never seen fails with
// CONTENT_CREATE_ERR; the bot registers the Notes definition and retries once.
import { randomUUID } from 'node:crypto';
import { botStoreFor } from '../app/bot-store';

describe('first note in a brand-new tenant', () => {
  async function unseenTenant() {
    // Created directly rather than with the factory, which would register the catalogue.
    const tenant = await mesh.client.content('Tenant').create({ name: 'Fresh Co', slug: 'fresh', status: 'active' });
    const user = await mesh.factories.user({ tenantId: tenant._id });
    return { tenantId: tenant._id, user };
  }

  test('Mesh rejects Notes for a tenant without the definition, with the code clients match on', async () => {
    const { tenantId, user } = await unseenTenant();

    await expect(mesh.client.withTenant(tenantId).definitions.get('Notes')).resolves.toBeNull();
    await expect(
      mesh.client.withTenant(tenantId).content('Notes').create({ tenantId, userId: user._id, title: 'x', mode: 'work' }),
    ).rejects.toMatchObject({
      name: 'MeshApiError', status: 500, code: 'CONTENT_CREATE_ERR',
      message: expect.stringContaining('Content definition for type "Notes" not found'),
    });
  });

  test('the bot registers the definition and its retry succeeds', async () => {
    const { tenantId, user } = await unseenTenant();
    const bot = botStoreFor(tenantId);

    const note = await bot.createNote(user._id, 'Hello', 'first words');

    expect(bot.sent).toEqual(['POST /content/Notes', 'POST /definition', 'POST /content/Notes']);
    await expect(mesh.client.withTenant(tenantId).definitions.get('Notes')).resolves.toMatchObject({ dataModel: { block: 'Notes' } });
    await expect(mesh.client.withTenant(tenantId).content('Notes').get(note._id)).resolves.toMatchObject({ title: 'Hello' });
  });

  test('once registered, later notes need no retry', async () => {
    const { tenantId, user } = await unseenTenant();
    const bot = botStoreFor(tenantId);
    await bot.createNote(user._id, 'one', '1');
    bot.sent.length = 0;

    await bot.createNote(user._id, 'two', '2');

    expect(bot.sent).toEqual(['POST /content/Notes']);
  });

  test('a tenant id that is not a UUID fails at registration, and the bot does not retry the create', async () => {
    const bot = botStoreFor('acme');

    await expect(bot.createNote(randomUUID(), 'x', 'y')).rejects.toMatchObject({
      name: 'BotStoreError', status: 400, body: expect.stringContaining('INVALID_TENANT_ID'),
    });
    expect(bot.sent).toEqual(['POST /content/Notes', 'POST /definition']);
  });
});
