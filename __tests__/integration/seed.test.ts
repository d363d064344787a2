import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tenantCatalogueFor } from '../../src/definitions';
import { MeshOptionsError } from '../../src/options';
import { startMeshServer } from '../../src/server';
import type { SeedRecord } from '../../src/seed/records';
import { useServer, wire } from '../support/http';

const tenant = randomUUID();
const notesDefinition = tenantCatalogueFor(tenant).find((definition) => definition.dataModel.block === 'Notes')!;
const noteId = randomUUID();
// Definitions first: the order dump() writes them in.
const seed: SeedRecord[] = [
  { type: 'DynamicContent', tenant, content: notesDefinition as unknown as Record<string, unknown> },
  { type: 'Tenant', content: { _id: tenant, name: 'Acme', slug: 'acme', status: 'active' } },
  { type: 'Notes', tenant, content: { _id: noteId, title: 'Seeded', mode: 'work', tenantId: tenant } },
];
const dir = mkdtempSync(join(tmpdir(), 'mesh-seed-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('seed', () => {
  const ctx = useServer({ seed });

  test('seeded records are there at start and after every reset; later writes are not', async () => {
    expect((await ctx.call('GET', `/api/content/Notes/${noteId}?tenant=${tenant}`)).body.data).toEqual({ _id: noteId, title: 'Seeded', mode: 'work', tenantId: tenant });
    const created = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: 'Later', mode: 'work', tenantId: tenant } });
    expect(created.status).toBe(200);
    await ctx.call('DELETE', `/api/content/Notes/${noteId}?tenant=${tenant}`);
    expect((await ctx.call('POST', '/test/reset-db')).status).toBe(200);
    const list = await ctx.call('GET', `/api/content/Notes?tenant=${tenant}`);
    expect(list.body.data).toEqual([{ _id: noteId, title: 'Seeded', mode: 'work', tenantId: tenant }]);
    expect((await ctx.call('GET', `/api/definition/Notes?tenant=${tenant}`)).status).toBe(200);
  });

  test('GET /test/dump returns the seed format, definitions first; it replays as a seed', async () => {
    await ctx.call('POST', '/test/reset-db');
    const extra = await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: 'Captured', mode: 'personal', tenantId: tenant } });
    const dump = await ctx.call<{ data: SeedRecord[] }>('GET', '/test/dump');
    expect(dump.body.data).toEqual([...seed, { type: 'Notes', tenant, content: extra.body.data }]);

    const replay = await startMeshServer({ seed: dump.body.data });
    try {
      const list = await wire(replay)('GET', `/api/content/Notes?tenant=${tenant}`);
      expect(list.body.data).toEqual([seed[2]!.content, extra.body.data]);
      expect((await wire(replay)('GET', '/test/dump')).body.data).toEqual(dump.body.data);
    } finally {
      await replay.close();
    }
  });

  test('dump filters by tenant and by types; format=ndjson is one record a line', async () => {
    await ctx.call('POST', '/test/reset-db');
    const other = randomUUID();
    await ctx.call('POST', '/api/content/Tenant', { content: { _id: other, name: 'Other' } });
    const ofTenant = await ctx.call('GET', `/test/dump?tenant=${tenant}`);
    expect(ofTenant.body.data).toEqual(seed);
    const ofOther = await ctx.call('GET', `/test/dump?tenant=${other}`);
    expect(ofOther.body.data).toEqual([{ type: 'Tenant', content: { _id: other, name: 'Other' } }]);
    const notes = await ctx.call('GET', '/test/dump?types=Notes');
    expect(notes.body.data).toEqual([seed[0], seed[2]]);
    const ndjson = await ctx.call('GET', `/test/dump?format=ndjson&tenant=${tenant}`);
    expect(ndjson.text.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(seed);
  });

  test('/test/dump needs a credential like /test/reset-db', async () => {
    expect((await wire(ctx.server, {})('GET', '/test/dump')).status).toBe(401);
  });
});

describe('seed files', () => {
  test('JSON (an array) and NDJSON (one record a line, blank lines skipped) load in order', async () => {
    const json = file('definitions.json', JSON.stringify(seed.slice(0, 2)));
    const ndjson = file('notes.ndjson', `${JSON.stringify(seed[2])}\n\n`);
    const server = await startMeshServer({ seed: [json, ndjson] });
    try {
      expect((await wire(server)('GET', `/api/content/Notes/${noteId}?tenant=${tenant}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('a bad file fails the start naming the file, the line or record number and what is wrong, every problem at once', async () => {
    const ndjson = file('bad.ndjson', [JSON.stringify(seed[0]), '{"type": "Notes", ', JSON.stringify({ type: 'Notes', content: [] })].join('\n'));
    const json = file('bad.json', JSON.stringify([seed[0], { type: 'Notes', tenant: 'acme', content: {} }, { kind: 'Notes' }]));
    const error = await startMeshServer({ seed: [ndjson, json, file('broken.json', '[')] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeshOptionsError);
    expect((error as MeshOptionsError).problems).toEqual([
      expect.stringMatching(new RegExp(`^seed\\[0\\] \\(${escape(ndjson)}\\) line 2 \\(record 2\\): not valid JSON`)),
      `seed[0] (${ndjson}) line 3 (record 3): content must be an object, got an array`,
      `seed[1] (${json}) record 2: tenant must be a tenant UUID, got "acme"`,
      `seed[1] (${json}) record 3: unknown field "kind"; a record has only "type", "tenant", "content"`,
      expect.stringMatching(new RegExp(`^seed\\[2\\] \\(${escape(join(dir, 'broken.json'))}\\): not valid JSON`)),
    ]);
  });

  test('a record the service refuses fails the start with its source and the service\'s message and code', async () => {
    const path = file('orphans.ndjson', [JSON.stringify(seed[1]), JSON.stringify(seed[2])].join('\n'));
    const error = await startMeshServer({ seed: [path] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MeshSeedError', code: 'INVALID_SEED' });
    expect((error as { problems: string[] }).problems).toEqual([
      expect.stringContaining(`seed[0] (${path}) line 2 (record 2): Internal error: Content definition for type "Notes" not found. (CONTENT_CREATE_ERR)`),
    ]);
  });

  test('a missing file and a seed that is not an array name the option key', async () => {
    await expect(startMeshServer({ seed: [join(dir, 'nope.json')] })).rejects.toThrow(`seed[0]: cannot read seed file ${join(dir, 'nope.json')}`);
    await expect(startMeshServer({ seed: 'seed.json' as never })).rejects.toThrow('seed must be an array of seed file paths');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
