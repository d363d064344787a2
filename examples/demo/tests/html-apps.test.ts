// "Show me my apps": HtmlGeneration records of several users, listed with the bot's where filter.
import { botStoreFor } from '../app/bot-store';
import type { HtmlGenerationContent } from '../../../src/client';

function app(tenantId: string, createdBy: string, title: string, tags: string[] = []): HtmlGenerationContent {
  return {
    title, tags, tenantId, createdBy, contentType: 'app',
    htmlContent: `<!doctype html><title>${title}</title><main>${title}</main>`,
    userRequest: `make me a ${title.toLowerCase()}`,
  };
}

describe('a user lists the HTML apps the bot generated for them', () => {
  test('only the asking user\'s apps come back, not a colleague\'s', async () => {
    const tenant = await mesh.factories.tenant();
    const [ana, ben] = await Promise.all([mesh.factories.user({ tenantId: tenant._id }), mesh.factories.user({ tenantId: tenant._id })]);
    const apps = mesh.client.withTenant(tenant._id).content('HtmlGeneration');
    await apps.create(app(tenant._id, ana._id, 'Pomodoro timer'));
    await apps.create(app(tenant._id, ana._id, 'Tip calculator'));
    await apps.create(app(tenant._id, ben._id, 'Snake game'));

    const listed = await botStoreFor(tenant._id).listUserApps(ana._id);

    expect(listed.map((a) => a.title).sort()).toEqual(['Pomodoro timer', 'Tip calculator']);
    expect(listed.every((a) => a.createdBy === ana._id)).toBe(true);
  });

  test('the same user id in another tenant sees nothing of this tenant', async () => {
    const [home, elsewhere] = await Promise.all([mesh.factories.tenant(), mesh.factories.tenant()]);
    const user = await mesh.factories.user({ tenantId: home._id });
    await mesh.client.withTenant(home._id).content('HtmlGeneration').create(app(home._id, user._id, 'Habit tracker'));

    await expect(botStoreFor(elsewhere._id).listUserApps(user._id)).resolves.toEqual([]);
    await expect(botStoreFor(home._id).listUserApps(user._id)).resolves.toHaveLength(1);
  });

  test('apps are found by tag with hasSome', async () => {
    const user = await mesh.factories.user();
    const apps = mesh.client.withTenant(user.tenantId).content('HtmlGeneration');
    await apps.create(app(user.tenantId, user._id, 'Sudoku', ['game', 'puzzle']));
    await apps.create(app(user.tenantId, user._id, 'Budget sheet', ['finance']));

    const { items, total } = await apps.list({
      where: { AND: [{ indexer: { path: 'createdBy', equals: user._id } }, { indexer: { path: 'tags', hasSome: ['puzzle', 'quiz'] } }] },
    });

    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ title: 'Sudoku', tags: ['game', 'puzzle'] });
  });
});
