import { DEFINITION_TYPE } from '../content/definitions';
import type { ContentService } from '../content/service';
import { isMeshError } from '../errors';
import type { ResolvedSeedRecord } from './records';

/** A seed that parsed but could not be written (a type without definition, a bad parent id...). */
export class MeshSeedError extends Error {
  override readonly name = 'MeshSeedError';
  readonly code = 'INVALID_SEED';
  /** One line per record that failed, each starting with its source (option key, file, line). */
  readonly problems: string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? `seed: ${problems[0]}` : `seed: ${problems.length} records failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = [...problems];
  }
}

/**
 * Writes seed records through the content service, as the REST routes would, so the same rules
 * (definitions, parent ids, indexers) apply on every storage backend. Every record is tried, and
 * one error lists all that failed, each with the service's own message and code.
 */
export async function loadSeed(content: ContentService, records: readonly ResolvedSeedRecord[]): Promise<void> {
  const problems: string[] = [];
  for (const record of records) {
    try {
      if (record.type === DEFINITION_TYPE) await content.definitions.register(record.content, record.tenant ?? null);
      else await content.create(record.type, record.content, record.tenant ?? 'any');
    } catch (error) {
      problems.push(`${record.source}: ${describeWriteError(error)}`);
    }
  }
  if (problems.length > 0) throw new MeshSeedError(problems);
}

function describeWriteError(error: unknown): string {
  if (!isMeshError(error)) throw error;
  const hint = (error.details as { hint?: unknown } | undefined)?.hint;
  return `${error.message}${error.code ? ` (${error.code})` : ''}${typeof hint === 'string' ? `; ${hint}` : ''}`;
}
