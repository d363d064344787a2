import type { DefinitionObject } from '../src/content/definition-types';
import { checkDefinition } from '../src/content/definition-check';
import {
  MeshOptionsError,
  describe,
  oneOf,
  rejectUnknownKeys,
  requireObject,
  resolveBoolean,
  resolveServerOptions,
  type MeshServerOptions,
  type ResolvedMeshServerOptions,
} from '../src/options';

export const OPTIONS_PREFIX = 'testEnvironmentOptions.';

/** What `testEnvironmentOptions` (and a file's `@jest-environment-options` docblock) may hold. */
export interface MeshEnvironmentOptions {
  /**
   * When the worker's database goes back to its baseline (built-in definitions only):
   * `"file"` before each test file, `"test"` before each test (and each file), `"none"` never,
   * for suites that isolate by tenant and run `test.concurrent`. Default `"file"`. Per file.
   */
  readonly reset?: 'file' | 'test' | 'none';
  /** Listen on `basePort + workerId` (workers count from 1). Default: any free port. Per worker. */
  readonly basePort?: number;
  /** Append the requests the emulator served during a failing test (method, path, status) to its failure. Default false. Per file. */
  readonly showRequestsOnFailure?: boolean;
  /** Extra tenant-scoped definitions that `mesh.factories.tenant()` registers next to the built-in catalogue. Default none. Per file. */
  readonly tenantDefinitions?: readonly DefinitionObject[];
  /** Secrets the emulator accepts. Default `{ mesh: 'test-mesh-secret', botControl: 'test-bot-secret' }`. Per worker. */
  readonly secrets?: MeshServerOptions['secrets'];
  /** `"enforce"` (default) or `"off"`: whether /api and /graphql require a credential. Per worker. */
  readonly auth?: MeshServerOptions['auth'];
  /** Extra definitions seeded into the baseline (objects or JSON file paths). Default none. Per worker. */
  readonly definitions?: MeshServerOptions['definitions'];
  /** Validate content against its jsonSchema on write. Default false. Per worker. */
  readonly strict?: boolean;
}

export type ResetMode = NonNullable<MeshEnvironmentOptions['reset']>;

/** Options after validation: every key present. */
export interface ResolvedEnvironmentOptions {
  readonly reset: ResetMode;
  readonly basePort: number | undefined;
  readonly showRequestsOnFailure: boolean;
  readonly tenantDefinitions: readonly DefinitionObject[];
  /** What the worker's server is started with; `port` is 0 here and set from basePort at start. */
  readonly server: ResolvedMeshServerOptions;
}

const FILE_KEYS = ['reset', 'showRequestsOnFailure', 'tenantDefinitions'] as const;
/** Keys that shape the worker's server, which the first file of a worker starts and later files share. */
export const WORKER_KEYS = ['basePort', 'secrets', 'auth', 'definitions', 'strict'] as const;
const SERVER_PASS_THROUGH = ['secrets', 'auth', 'definitions', 'strict'] as const;

export function resolveEnvironmentOptions(input: unknown): ResolvedEnvironmentOptions {
  const options = requireObject(input ?? {}, OPTIONS_PREFIX.slice(0, -1));
  rejectUnknownKeys(options, [...FILE_KEYS, ...WORKER_KEYS], OPTIONS_PREFIX);
  const serverInput = Object.fromEntries(SERVER_PASS_THROUGH.filter((key) => key in options).map((key) => [key, options[key]]));
  return {
    reset: oneOf(options.reset ?? 'file', ['file', 'test', 'none'] as const, `${OPTIONS_PREFIX}reset`),
    basePort: resolveBasePort(options.basePort),
    showRequestsOnFailure: resolveBoolean(options.showRequestsOnFailure ?? false, `${OPTIONS_PREFIX}showRequestsOnFailure`),
    tenantDefinitions: resolveTenantDefinitions(options.tenantDefinitions),
    server: resolveServerOptions(serverInput, OPTIONS_PREFIX),
  };
}

/**
 * A docblock may only change per-file keys: the server is shared by every file of a worker, so a
 * per-file secret or basePort would depend on which file a worker happened to run first.
 */
export function rejectWorkerKeysInDocblock(docblockOptions: unknown, testPath: string): void {
  if (docblockOptions === null || typeof docblockOptions !== 'object') return;
  const workerKey = WORKER_KEYS.find((key) => key in docblockOptions);
  if (workerKey === undefined) return;
  throw new MeshOptionsError(
    `@jest-environment-options in ${testPath} sets "${workerKey}", which is fixed per worker; ` +
      `set ${OPTIONS_PREFIX}${workerKey} in the Jest config instead. A docblock may set ${FILE_KEYS.map((k) => `"${k}"`).join(', ')}`,
  );
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

function resolveBasePort(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_000) {
    throw new MeshOptionsError(`${OPTIONS_PREFIX}basePort must be an integer from 1 to 65000 (port = basePort + workerId), got ${describe(value)}`);
  }
  return value;
}

function resolveTenantDefinitions(value: unknown): DefinitionObject[] {
  const key = `${OPTIONS_PREFIX}tenantDefinitions`;
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MeshOptionsError(`${key} must be an array of definition objects, got ${describe(value)}`);
  return value.map((definition, index) => {
    const problem = checkDefinition(definition);
    if (problem) throw new MeshOptionsError(`${key}[${index}]: ${problem.message} (${problem.code})`);
    return definition as DefinitionObject;
  });
}
