import { OptionProblems } from '../src/options';
import { FILE_KEYS, WORKER_KEYS, checkMeshOptions, type MeshOptions, type ResolvedMeshOptions } from '../src/testkit/options';

export const OPTIONS_PREFIX = 'testEnvironmentOptions.';

/** What `testEnvironmentOptions` (and a file's `@jest-environment-options` docblock) may hold. */
export type MeshEnvironmentOptions = MeshOptions;
export type ResolvedEnvironmentOptions = ResolvedMeshOptions;
export type { ResetMode } from '../src/testkit/options';
export { WORKER_KEYS };

/** Where a file's `@jest-environment-options` came from, to check it sets per-file keys only. */
export interface DocblockOptions {
  readonly options: unknown;
  /** The test file, relative to the project root. */
  readonly file: string;
}

/**
 * Validates `testEnvironmentOptions` (Jest has already merged the file's docblock over them) and
 * fills defaults. Throws one MeshOptionsError that lists every problem, the docblock's included.
 */
export function resolveEnvironmentOptions(input: unknown, docblock?: DocblockOptions): ResolvedEnvironmentOptions {
  const problems = new OptionProblems();
  if (docblock) rejectWorkerKeysInDocblock(docblock, problems);
  const resolved = checkMeshOptions(input, OPTIONS_PREFIX, problems);
  problems.throwIfAny();
  return resolved;
}

/**
 * A docblock may only change per-file keys: the server is shared by every file of a worker, so a
 * per-file secret or basePort would depend on which file a worker happened to run first.
 */
function rejectWorkerKeysInDocblock({ options, file }: DocblockOptions, problems: OptionProblems): void {
  if (options === null || typeof options !== 'object') return;
  for (const workerKey of WORKER_KEYS.filter((key) => key in options)) {
    problems.add(
      `@jest-environment-options in ${file} sets "${workerKey}", which is fixed per worker; ` +
        `set ${OPTIONS_PREFIX}${workerKey} in the Jest config instead. A docblock may set ${FILE_KEYS.map((k) => `"${k}"`).join(', ')}`,
    );
  }
}

/** Jest parses the docblock pragma as JSON; a repeated pragma arrives as an array of strings. */
export function docblockOptionsOf(pragmas: Record<string, string | string[]>): unknown {
  const raw = pragmas['jest-environment-options'];
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
