import { createHash } from 'node:crypto';
import { MeshClock, type ResolvedClockOption } from '../clock/clock';
import { BlockStore } from '../db/block-store';
import type { MeshDatabase, StartRows } from '../db/database';
import { PLATFORM_DEFINITIONS } from '../definitions';
import { definitionBlock } from './definitions';

/**
 * The built-in definitions as the rows every database starts with. They are stamped by a clock of
 * their own made from the server's clock option, so the rows a PostgreSQL template holds are the
 * ones each server with that option would have written itself; the option is part of the key.
 * The server's clock then skips one step per row (skipBuiltInSteps), wherever the rows were written.
 */
export function builtInDefinitionRows(clockOption: ResolvedClockOption): StartRows {
  const key = createHash('sha256').update(JSON.stringify(PLATFORM_DEFINITIONS)).update(JSON.stringify(clockOption)).digest('hex').slice(0, 8);
  return {
    key,
    // The database is new and holds no definitions, so there is nothing to look up or replace:
    // each is inserted as registering it would (definitionBlock), without the lookup first.
    // Eight inserts of one template compile once; eight registrations were sixteen statements,
    // and the lookups compile per call (start rows: 39-46 -> 21-32 ms on pg-mem, cold process).
    write: async (database: Pick<MeshDatabase, 'query'>) => {
      const clock = new MeshClock(clockOption);
      const store = new BlockStore(database, () => clock.now());
      for (const definition of PLATFORM_DEFINITIONS) await store.insert(definitionBlock(structuredClone(definition), null));
    },
  };
}

/** Moves a server's clock to where stamping the built-in rows left it: one step each (docs/clock.md). */
export function skipBuiltInSteps(clock: MeshClock): void {
  for (let i = 0; i < PLATFORM_DEFINITIONS.length; i += 1) clock.now();
}
