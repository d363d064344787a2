import type { DefinitionObject } from '../src/content/definition-types';
import {
  OptionProblems,
  checkDefinitions,
  checkServerOptions,
  describe,
  oneOf,
  rejectUnknownKeys,
  requireObject,
  resolveBoolean,
  type MeshServerOptions,
  type ResolvedMeshServerOptions,
} from '../src/options';
import { resolveAppEnv, type AppEnvOption, type AppEnvValue } from '../src/testkit/app-env';

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
  /**
   * Environment variables set in each test file's sandbox (its own `process.env`) before the file's
   * modules load, so the application's own Mesh client finds this worker's emulator. Variable name →
   * `"graphqlUrl" | "apiUrl" | "url" | "port" | "meshSecret" | "botControlSecret"`, or `false` to
   * leave that variable alone; laid over the defaults `MESH_ENDPOINT: "graphqlUrl"`,
   * `MESH_API_ENDPOINT: "apiUrl"`, `MESH_SHARED_SECRET: "meshSecret"`,
   * `BOT_CONTROL_SHARED_SECRET: "botControlSecret"`. `false` sets none. Per file.
   */
  readonly env?: AppEnvOption;
  /** Interface the worker's emulator listens on. Default: 127.0.0.1 and ::1 (see startMeshServer). Per worker. */
  readonly host?: string;
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
  /** Variable name → emulator value, for the sandbox's `process.env`. */
  readonly env: Readonly<Record<string, AppEnvValue>>;
  /** What the worker's server is started with; `port` is 0 here and set from basePort at start. */
  readonly server: ResolvedMeshServerOptions;
}

const FILE_KEYS = ['reset', 'showRequestsOnFailure', 'tenantDefinitions', 'env'] as const;
/** Keys that shape the worker's server, which the first file of a worker starts and later files share. */
export const WORKER_KEYS = ['basePort', 'host', 'secrets', 'auth', 'definitions', 'strict'] as const;
const SERVER_PASS_THROUGH = ['host', 'secrets', 'auth', 'definitions', 'strict'] as const;

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
  const options = requireObject(input ?? {}, OPTIONS_PREFIX.slice(0, -1), problems);
  rejectUnknownKeys(options, [...FILE_KEYS, ...WORKER_KEYS], OPTIONS_PREFIX, problems);
  const serverInput = Object.fromEntries(SERVER_PASS_THROUGH.filter((key) => key in options).map((key) => [key, options[key]]));
  const resolved = {
    reset: oneOf(options.reset ?? 'file', ['file', 'test', 'none'] as const, `${OPTIONS_PREFIX}reset`, problems),
    basePort: resolveBasePort(options.basePort, problems),
    showRequestsOnFailure: resolveBoolean(options.showRequestsOnFailure ?? false, `${OPTIONS_PREFIX}showRequestsOnFailure`, problems),
    tenantDefinitions: resolveTenantDefinitions(options.tenantDefinitions, problems),
    env: resolveAppEnv(options.env, `${OPTIONS_PREFIX}env`, problems),
    server: checkServerOptions(serverInput, OPTIONS_PREFIX, problems),
  };
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

function resolveBasePort(value: unknown, problems: OptionProblems): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_000) {
    problems.add(`${OPTIONS_PREFIX}basePort must be an integer from 1 to 65000 (port = basePort + workerId), got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function resolveTenantDefinitions(value: unknown, problems: OptionProblems): DefinitionObject[] {
  const key = `${OPTIONS_PREFIX}tenantDefinitions`;
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(`${key} must be an array of definition objects, got ${describe(value)}`);
    return [];
  }
  return checkDefinitions(value, (index) => `${key}[${index}]`, problems);
}
