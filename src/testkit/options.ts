import type { DefinitionObject } from '../content/definition-types';
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
} from '../options';
import { resolveAppEnv, type AppEnvOption, type AppEnvValue } from './app-env';

/**
 * What a test runner adapter accepts: `testEnvironmentOptions` under Jest, `mesh(options)` under
 * Vitest. "Per file" keys may differ between files; "per worker" keys shape the worker's server,
 * which the first file of a worker starts and later files share.
 */
export interface MeshOptions {
  /**
   * When the worker's database goes back to its baseline (built-in definitions only):
   * `"file"` before each test file, `"test"` before each test (and each file), `"none"` never,
   * for suites that isolate by tenant and run concurrent tests. Default `"file"`. Per file.
   */
  readonly reset?: 'file' | 'test' | 'none';
  /** Listen on `basePort + workerId` (workers count from 1). Default: any free port. Per worker. */
  readonly basePort?: number;
  /** Append the requests the emulator served during a failing test (method, path, status) to its failure. Default false. Per file. */
  readonly showRequestsOnFailure?: boolean;
  /** Extra tenant-scoped definitions that `mesh.factories.tenant()` registers next to the built-in catalogue. Default none. Per file. */
  readonly tenantDefinitions?: readonly DefinitionObject[];
  /**
   * Environment variables set for each test file (its own `process.env`) before the file's
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
  /**
   * `"pg-mem"` (default) or a PostgreSQL URL (`postgres://user:password@host:port/dbname`): each
   * worker then gets its own database on that server (see MeshServerOptions.database). Per worker.
   */
  readonly database?: string;
  /** Records written before the baseline, so every reset returns to them (see MeshServerOptions.seed). Default none. Per worker. */
  readonly seed?: MeshServerOptions['seed'];
  /** `"real"` (default) or `{ start: ISO date, stepMs? }`: the clock that stamps createdAt / updatedAt (see MeshServerOptions.clock). Per worker. */
  readonly clock?: MeshServerOptions['clock'];
}

export type ResetMode = NonNullable<MeshOptions['reset']>;

/** Options after validation: every key present, plain data (they cross into workers as JSON). */
export interface ResolvedMeshOptions {
  readonly reset: ResetMode;
  readonly basePort: number | undefined;
  readonly showRequestsOnFailure: boolean;
  readonly tenantDefinitions: readonly DefinitionObject[];
  /** Variable name → emulator value, for the test file's `process.env`. */
  readonly env: Readonly<Record<string, AppEnvValue>>;
  /** What the worker's server is started with; `port` is 0 here and set from basePort at start. */
  readonly server: ResolvedMeshServerOptions;
}

export const FILE_KEYS = ['reset', 'showRequestsOnFailure', 'tenantDefinitions', 'env'] as const;
/** Keys that shape the worker's server, which the first file of a worker starts and later files share. */
export const WORKER_KEYS = ['basePort', 'host', 'secrets', 'auth', 'definitions', 'strict', 'database', 'seed', 'clock'] as const;
const SERVER_PASS_THROUGH = ['host', 'secrets', 'auth', 'definitions', 'strict', 'database', 'seed', 'clock'] as const;

/**
 * Validates options and fills defaults, adding every problem to `problems` (the caller throws).
 * `prefix` names where the options were written (`testEnvironmentOptions.`, `mesh(options).`),
 * so each message names the full key the user wrote.
 */
export function checkMeshOptions(input: unknown, prefix: string, problems: OptionProblems): ResolvedMeshOptions {
  const options = requireObject(input ?? {}, prefix.slice(0, -1), problems);
  rejectUnknownKeys(options, [...FILE_KEYS, ...WORKER_KEYS], prefix, problems);
  const serverInput = Object.fromEntries(SERVER_PASS_THROUGH.filter((key) => key in options).map((key) => [key, options[key]]));
  return {
    reset: oneOf(options.reset ?? 'file', ['file', 'test', 'none'] as const, `${prefix}reset`, problems),
    basePort: resolveBasePort(options.basePort, `${prefix}basePort`, problems),
    showRequestsOnFailure: resolveBoolean(options.showRequestsOnFailure ?? false, `${prefix}showRequestsOnFailure`, problems),
    tenantDefinitions: resolveTenantDefinitions(options.tenantDefinitions, `${prefix}tenantDefinitions`, problems),
    env: resolveAppEnv(options.env, `${prefix}env`, problems),
    server: checkServerOptions(serverInput, prefix, problems),
  };
}

/** checkMeshOptions() that throws one MeshOptionsError listing every problem. */
export function resolveMeshOptions(input: unknown, prefix: string): ResolvedMeshOptions {
  const problems = new OptionProblems();
  const resolved = checkMeshOptions(input, prefix, problems);
  problems.throwIfAny();
  return resolved;
}

function resolveBasePort(value: unknown, key: string, problems: OptionProblems): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_000) {
    problems.add(`${key} must be an integer from 1 to 65000 (port = basePort + workerId), got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function resolveTenantDefinitions(value: unknown, key: string, problems: OptionProblems): DefinitionObject[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(`${key} must be an array of definition objects, got ${describe(value)}`);
    return [];
  }
  return checkDefinitions(value, (index) => `${key}[${index}]`, problems);
}
