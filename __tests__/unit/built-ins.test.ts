import { MeshClock } from '../../src/clock/clock';
import { builtInDefinitionRows } from '../../src/content/built-ins';
import { checkDefinition } from '../../src/content/definition-check';
import { DefinitionRegistry } from '../../src/content/definitions';
import { BlockStore } from '../../src/db/block-store';
import { openPgMemDatabase } from '../../src/db/pg-mem/database';
import { PLATFORM_DEFINITIONS, PLATFORM_TYPE_NAMES } from '../../src/definitions';

// Start rows skip registration's checks and lookups; these keep them what registering writes.
test('every built-in definition passes the checks a registration runs', () => {
  for (const definition of PLATFORM_DEFINITIONS) expect(checkDefinition(definition)).toBeNull();
});

test('the start rows are the rows registering each built-in writes, clock steps included', async () => {
  const clockOption = { start: '2026-01-01T00:00:00.000Z', stepMs: 1000 };
  const started = await openPgMemDatabase();
  await builtInDefinitionRows(clockOption).write(started);
  const registered = await openPgMemDatabase();
  const clock = new MeshClock(clockOption);
  const registry = new DefinitionRegistry(new BlockStore(registered, () => clock.now()), new Set(PLATFORM_TYPE_NAMES));
  for (const definition of PLATFORM_DEFINITIONS) await registry.register(definition, null);
  const rows = async (database: typeof started) => (await database.query<Record<string, unknown>>('SELECT * FROM notion_blocks ORDER BY id'))
    .map(({ block_id: _block, page_id: _page, ...row }) => row);
  expect(await rows(started)).toEqual(await rows(registered));
  expect((await rows(started)).length).toBe(PLATFORM_DEFINITIONS.length);
});
