// Generated apps save their state in AppletStorage: one record per (applet, user), upserted, paged.
import type { AppletStorageContent } from '../../../src/client';

describe('applet state', () => {
  async function saveState(tenantId: string, appletId: string, userId: string, data: unknown) {
    const storage = mesh.client.withTenant(tenantId).content('AppletStorage');
    const where = { AND: [{ indexer: { path: 'appletId', equals: appletId } }, { indexer: { path: 'userId', equals: userId } }] };
    const { items: [existing] } = await storage.list({ where, limit: 1 });
    return existing ? storage.update(existing._id, { data }) : storage.create({ appletId, userId, data });
  }

  test('saving twice updates the one record instead of adding another', async () => {
    const user = await mesh.factories.user();

    const first = await saveState(user.tenantId, 'snake', user._id, { highScore: 10 });
    const second = await saveState(user.tenantId, 'snake', user._id, { highScore: 42, level: 3 });

    expect(second._id).toBe(first._id);
    const { items, total } = await mesh.client.withTenant(user.tenantId).content('AppletStorage')
      .list({ where: { indexer: { path: 'userId', equals: user._id } } });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject<Partial<AppletStorageContent>>({ data: { highScore: 42, level: 3 } });
  });

  test('each user of an applet has their own state', async () => {
    const tenant = await mesh.factories.tenant();
    const [ana, ben] = await Promise.all([mesh.factories.user({ tenantId: tenant._id }), mesh.factories.user({ tenantId: tenant._id })]);
    await saveState(tenant._id, 'todo', ana._id, ['buy milk']);
    await saveState(tenant._id, 'todo', ben._id, ['fix bike']);

    const ofApplet = await mesh.client.withTenant(tenant._id).content('AppletStorage')
      .list({ where: { indexer: { path: 'appletId', equals: 'todo' } } });

    expect(ofApplet.items.map((item) => item.data).sort()).toEqual([['buy milk'], ['fix bike']]);
  });

  test('an applet gallery pages through many states with total and hasMore', async () => {
    const user = await mesh.factories.user();
    for (let i = 0; i < 7; i += 1) await saveState(user.tenantId, `applet-${i}`, user._id, { i });
    const storage = mesh.client.withTenant(user.tenantId).content('AppletStorage');
    const where = { parent_id: { eq: user._id } };

    const page1 = await storage.list({ where, limit: 3 });
    const page3 = await storage.list({ where, limit: 3, offset: 6 });

    expect(page1).toMatchObject({ total: 7, hasMore: true });
    expect(page1.items.map((item) => item.appletId)).toEqual(['applet-0', 'applet-1', 'applet-2']);
    expect(page3).toMatchObject({ total: 7, hasMore: false });
    expect(page3.items).toHaveLength(1);
  });
});
