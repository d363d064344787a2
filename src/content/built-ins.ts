import { createHash } from 'node:crypto';
import { MeshClock, type ResolvedClockOption } from '../clock/clock';
import { BlockStore } from '../db/block-store';
import type { MeshDatabase, StartRows } from '../db/database';
import { PLATFORM_DEFINITIONS, PLATFORM_TYPE_NAMES } from '../definitions';
import { DefinitionRegistry } from './definitions';

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
    write: async (database: Pick<MeshDatabase, 'query'>) => {
      const clock = new MeshClock(clockOption);
      const registry = new DefinitionRegistry(new BlockStore(database, () => clock.now()), new Set(PLATFORM_TYPE_NAMES));
      for (const definition of PLATFORM_DEFINITIONS) await registry.register(definition, null);
    },
  };
}

/** Moves a server's clock to where stamping the built-in rows left it: one step each (docs/clock.md). */
export function skipBuiltInSteps(clock: MeshClock): void {
  for (let i = 0; i < PLATFORM_DEFINITIONS.length; i += 1) clock.now();
}
