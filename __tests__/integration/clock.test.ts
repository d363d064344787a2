import { startMeshServer } from '../../src/server';
import { registerTenant, useServer } from '../support/http';

const START = '2024-01-01T00:00:00.000Z';
const byCreated = `query { notionModel(where: { type: { eq: "Notes" } }, orderBy: [{ field: "createdAt", direction: ASC }]) { content } }`;
const byUpdated = byCreated.replace('createdAt', 'updatedAt');

describe('a fixed clock', () => {
  const ctx = useServer({ clock: { start: START, stepMs: 1000 } });
  const titles = async (query: string) =>
    ((await ctx.call('POST', '/graphql', { query })).body.data.notionModel as Array<{ content: { title: string } }>).map((row) => row.content.title);
  const note = async (tenant: string, title: string) =>
    (await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title, mode: 'work', tenantId: tenant } })).body.data._id as string;

  beforeEach(() => ctx.call('POST', '/test/reset-db'));

  test('GraphQL ordering by createdAt and updatedAt follows the clock, not the insertion order', async () => {
    const tenant = await registerTenant(ctx.call);
    await ctx.call('POST', '/test/clock', { set: '2030-01-01T00:00:00Z' });
    const first = await note(tenant, 'first written, stamped 2030');
    await ctx.call('POST', '/test/clock', { set: '2020-01-01T00:00:00Z' });
    await note(tenant, 'second written, stamped 2020');
    expect(await titles(byCreated)).toEqual(['second written, stamped 2020', 'first written, stamped 2030']);

    await ctx.call('POST', '/test/clock', { set: '2010-01-01T00:00:00Z' });
    await ctx.call('PATCH', `/api/content/Notes/${first}?tenant=${tenant}`, { content: { mode: 'personal' } });
    expect(await titles(byUpdated)).toEqual(['first written, stamped 2030', 'second written, stamped 2020']);
  });

  test('each write takes one stepMs; advance moves it on; reset returns it to where seeding left it', async () => {
    const start = (await ctx.call('GET', '/test/clock')).body.data;
    expect(start).toEqual({ now: expect.any(String), mode: 'fixed', stepMs: 1000 });
    const tenant = await registerTenant(ctx.call);
    const registered = Date.parse((await ctx.call('GET', '/test/clock')).body.data.now);
    await note(tenant, 'a');
    expect(Date.parse((await ctx.call('GET', '/test/clock')).body.data.now) - registered).toBe(1000);
    const advanced = await ctx.call('POST', '/test/clock', { advance: 60_000 });
    expect(Date.parse(advanced.body.data.now) - registered).toBe(61_000);
    await ctx.call('POST', '/test/reset-db');
    expect((await ctx.call('GET', '/test/clock')).body.data).toEqual(start);
  });

  test('the built-in definitions were stamped from the start date, one step each', async () => {
    const now = Date.parse((await ctx.call('GET', '/test/clock')).body.data.now);
    const builtIn = (await ctx.call('POST', '/graphql', { query: '{ notionModel(limit: 10000) { id } }' })).body.data.notionModel.length;
    expect(now - Date.parse(START)).toBe(builtIn * 1000);
  });

  test('POST /test/clock refuses a body it cannot read, naming what it wanted', async () => {
    for (const body of [{}, { set: 'yesterday' }, { advance: 1.5 }, { set: START, advance: 1 }]) {
      const response = await ctx.call('POST', '/test/clock', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BAD_CLOCK');
    }
    expect((await ctx.call('POST', '/test/clock', { set: 'yesterday' })).body.error.message).toMatch(/set must be an ISO 8601 date/);
  });
});

describe('the real clock', () => {
  const ctx = useServer();

  test('follows wall time; set fixes it until the next reset; advance runs it ahead', async () => {
    expect((await ctx.call('GET', '/test/clock')).body.data.mode).toBe('real');
    expect((await ctx.call('POST', '/test/clock', { set: START })).body.data).toEqual({ now: START, mode: 'fixed', stepMs: 0 });
    expect((await ctx.call('POST', '/test/clock', { advance: 5 })).body.data.now).toBe('2024-01-01T00:00:00.005Z');
    await ctx.call('POST', '/test/reset-db');
    expect((await ctx.call('GET', '/test/clock')).body.data.mode).toBe('real');
    const ahead = await ctx.call('POST', '/test/clock', { advance: 365 * 86_400_000 });
    expect(Date.parse(ahead.body.data.now)).toBeGreaterThan(Date.now() + 364 * 86_400_000);
  });
});

test('a bad clock option names each full key', async () => {
  await expect(startMeshServer({ clock: { start: 'yesterday', stepMs: -1 } })).rejects.toMatchObject({
    problems: [
      'clock.start must be an ISO 8601 date (e.g. "2024-01-01T00:00:00.000Z") or a Date, got "yesterday"',
      'clock.stepMs must be an integer from 0 to 86400000 (milliseconds added after each timestamp), got number -1',
    ],
  });
  await expect(startMeshServer({ clock: 'fake' as never })).rejects.toThrow('clock must be "real" or { start: <ISO date>, stepMs?: <ms per write> }, got "fake"');
});
