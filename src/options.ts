import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DefinitionObject } from './content/definition-types';
import { checkDefinition } from './content/definition-check';
import { resolveClockOption, type MeshClockOption, type ResolvedClockOption } from './clock/clock';
import { resolveSeedOption, type ResolvedSeedRecord, type SeedRecord } from './seed/records';

/** The shared secrets the emulator accepts; the real service reads them from its environment. */
export interface MeshSecrets {
  /** Value of `x-mesh-secret` for trusted service calls (MESH_SHARED_SECRET). Default `test-mesh-secret`. */
  readonly mesh: string;
  /** Value of `x-bot-control-secret` for trusted bot calls (BOT_CONTROL_SHARED_SECRET). Default `test-bot-secret`. */
  readonly botControl: string;
  /** HS256 key for Bearer JWTs (AUTH_SIGNING_KEY). Default: the mesh secret, as the service falls back to it. */
  readonly jwtSigningKey: string;
}

/** Options of startMeshServer(). Every key is optional. */
export interface MeshServerOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  readonly port?: number;
  /**
   * Interface to listen on. Default: both loopbacks, 127.0.0.1 and ::1 on the same port (::1 is
   * skipped when the machine has none), so a client configured with `http://localhost:<port>`
   * connects whichever address `localhost` resolves to; the advertised URL uses 127.0.0.1.
   * An explicit host listens there only.
   */
  readonly host?: string;
  /** Secrets to accept; missing keys take the test defaults. */
  readonly secrets?: Partial<MeshSecrets>;
  /** `"enforce"` (default): /api, /graphql and /test need a valid secret header or Bearer JWT, else 401. `"off"`: all open. */
  readonly auth?: 'enforce' | 'off';
  /** Extra content definitions: definition objects or paths to JSON files holding one or an array. Default none. */
  readonly definitions?: ReadonlyArray<DefinitionObject | string>;
  /** Validate written content against its definition's jsonSchema (400 SCHEMA_VALIDATION). The service does not. Default false. */
  readonly strict?: boolean;
  /** How many recent requests the server remembers for failure reports. Default 50; 0 turns it off. */
  readonly requestLogSize?: number;
  /**
   * Where the data lives: `"pg-mem"` (default), in memory, or a PostgreSQL URL
   * (`postgres://user:password@host:port/dbname`) naming a server and a database to connect to for
   * administration; the server then gets its own database, cloned from a template made once per
   * run, and drops it on close (docs/environment.md, "A real PostgreSQL"). The role needs CREATEDB.
   */
  readonly database?: string;
  /**
   * Records written at start, before the baseline is taken, so every reset returns to them: paths
   * of JSON files (an array of records) or NDJSON files (`.ndjson`/`.jsonl`, one record a line), and
   * record objects `{ type, tenant?, content }` (type `DynamicContent`: a definition). A record that
   * cannot be written fails the start, naming its file and record. Default none.
   */
  readonly seed?: ReadonlyArray<string | SeedRecord>;
  /**
   * Where createdAt / updatedAt come from: `"real"` (wall time), or a fixed clock
   * `{ start: ISO date, stepMs? }` that adds stepMs (default 0) after each timestamp and moves only
   * when told to (POST /test/clock). A reset returns it to its state after seeding. Default `"real"`.
   */
  readonly clock?: MeshClockOption;
}

export interface ResolvedMeshServerOptions {
  readonly port: number;
  /** `undefined`: both loopbacks (see MeshServerOptions.host). */
  readonly host: string | undefined;
  readonly secrets: MeshSecrets;
  readonly auth: 'enforce' | 'off';
  readonly definitions: readonly DefinitionObject[];
  readonly strict: boolean;
  readonly requestLogSize: number;
  /** `"pg-mem"` or a postgres:// URL. */
  readonly database: string;
  readonly seed: readonly ResolvedSeedRecord[];
  readonly clock: ResolvedClockOption;
}

export const DEFAULT_SECRETS = { mesh: 'test-mesh-secret', botControl: 'test-bot-secret' } as const;
const KNOWN_KEYS = ['port', 'host', 'secrets', 'auth', 'definitions', 'strict', 'requestLogSize', 'database', 'seed', 'clock'];
const SECRET_KEYS = ['mesh', 'botControl', 'jwtSigningKey'];

/**
 * Thrown for invalid options, listing every problem found (not just the first), each naming the
 * full key. `name`, `code` and `problems` are plain data, so they survive across Jest realms
 * where instanceof does not.
 */
export class MeshOptionsError extends Error {
  override readonly name = 'MeshOptionsError';
  readonly code = 'INVALID_OPTIONS';
  /** One line per problem, each starting with the full key it is about. */
  readonly problems: string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.length === 1 ? list[0] : `${list.length} option problems:\n${list.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = list;
  }
}

/**
 * Collects option problems so that validation goes on past the first one. Checks return a
 * placeholder for a bad value; callers throw with throwIfAny() before anything uses the result.
 */
export class OptionProblems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new MeshOptionsError(this.list);
  }
}

/**
 * Validates options and fills defaults. `prefix` names where the options came from
 * (e.g. `testEnvironmentOptions.`) so messages name the full key the user wrote.
 * Throws one MeshOptionsError listing every problem.
 */
export function resolveServerOptions(input: unknown = {}, prefix = ''): ResolvedMeshServerOptions {
  const problems = new OptionProblems();
  const resolved = checkServerOptions(input, prefix, problems);
  problems.throwIfAny();
  return resolved;
}

/** resolveServerOptions() that adds its problems to `problems` instead of throwing. */
export function checkServerOptions(input: unknown, prefix: string, problems: OptionProblems): ResolvedMeshServerOptions {
  const options = requireObject(input, prefix ? prefix.replace(/\.$/, '') : 'options', problems);
  rejectUnknownKeys(options, KNOWN_KEYS, prefix, problems);
  return {
    port: resolvePort(options.port, `${prefix}port`, problems),
    host: resolveHost(options.host, `${prefix}host`, problems),
    secrets: resolveSecrets(options.secrets, `${prefix}secrets`, problems),
    auth: oneOf(options.auth ?? 'enforce', ['enforce', 'off'] as const, `${prefix}auth`, problems),
    definitions: resolveDefinitions(options.definitions, `${prefix}definitions`, problems),
    strict: resolveBoolean(options.strict ?? false, `${prefix}strict`, problems),
    requestLogSize: resolveCount(options.requestLogSize ?? 50, `${prefix}requestLogSize`, problems),
    database: resolveDatabase(options.database, `${prefix}database`, problems),
    seed: resolveSeedOption(options.seed, `${prefix}seed`, problems),
    clock: resolveClockOption(options.clock, `${prefix}clock`, problems),
  };
}

/** An empty object stands in for a non-object, so the checks of its keys still run (and find nothing). */
export function requireObject(value: unknown, key: string, problems: OptionProblems): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.add(`${key} must be an object, got ${describe(value)}`);
    return {};
  }
  return value as Record<string, unknown>;
}

export function rejectUnknownKeys(options: Record<string, unknown>, known: readonly string[], prefix: string, problems: OptionProblems): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      problems.add(`${prefix}${key} is not a known option; known options are ${known.map((k) => `"${k}"`).join(', ')}`);
    }
  }
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], key: string, problems: OptionProblems): T {
  if (allowed.includes(value as T)) return value as T;
  problems.add(`${key} must be one of ${allowed.map((a) => `"${a}"`).join(' | ')}, got ${describe(value)}`);
  return allowed[0]!;
}

export function resolveBoolean(value: unknown, key: string, problems: OptionProblems): boolean {
  if (typeof value === 'boolean') return value;
  problems.add(`${key} must be true or false, got ${describe(value)}`);
  return false;
}

export function resolvePort(value: unknown, key: string, problems: OptionProblems): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    problems.add(`${key} must be an integer from 0 to 65535 (0 picks a free port), got ${describe(value)}`);
    return 0;
  }
  return value;
}

function resolveCount(value: unknown, key: string, problems: OptionProblems): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100_000) {
    problems.add(`${key} must be an integer from 0 to 100000, got ${describe(value)}`);
    return 0;
  }
  return value;
}

export function resolveHost(value: unknown, key: string, problems: OptionProblems): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(`${key} must be a non-empty host name or address, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function resolveDatabase(value: unknown, key: string, problems: OptionProblems): string {
  if (value === undefined || value === 'pg-mem') return 'pg-mem';
  if (typeof value === 'string' && isPostgresUrl(value)) return value;
  // A URL may hold a password: it is not echoed back.
  const got = typeof value === 'string' && value.includes('@') ? 'a string that is not one' : describe(value);
  problems.add(`${key} must be "pg-mem" or a PostgreSQL URL (postgres://user:password@host:port/dbname), got ${got}`);
  return 'pg-mem';
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function resolveSecrets(value: unknown, key: string, problems: OptionProblems): MeshSecrets {
  const given = requireObject(value ?? {}, key, problems);
  rejectUnknownKeys(given, SECRET_KEYS, `${key}.`, problems);
  for (const name of SECRET_KEYS) {
    const secret = given[name];
    if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
      problems.add(`${key}.${name} must be a non-empty string, got ${describe(secret)}`);
    }
  }
  const mesh = (given.mesh as string | undefined) ?? DEFAULT_SECRETS.mesh;
  return {
    mesh,
    botControl: (given.botControl as string | undefined) ?? DEFAULT_SECRETS.botControl,
    jwtSigningKey: (given.jwtSigningKey as string | undefined) ?? mesh,
  };
}

function resolveDefinitions(value: unknown, key: string, problems: OptionProblems): DefinitionObject[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(`${key} must be an array of definition objects or JSON file paths, got ${describe(value)}`);
    return [];
  }
  return value.flatMap((entry, index) => loadDefinitionEntry(entry, `${key}[${index}]`, problems));
}

function loadDefinitionEntry(entry: unknown, key: string, problems: OptionProblems): DefinitionObject[] {
  const loaded = typeof entry === 'string' ? readDefinitionFile(entry, key, problems) : entry;
  if (loaded === undefined) return [];
  const list = Array.isArray(loaded) ? loaded : [loaded];
  return checkDefinitions(list, (index) => (list.length > 1 || Array.isArray(loaded) ? `${key}[${index}]` : key), problems);
}

/** Definitions that pass checkDefinition(); each one that does not is a problem named by `keyOf(index)`. */
export function checkDefinitions(list: readonly unknown[], keyOf: (index: number) => string, problems: OptionProblems): DefinitionObject[] {
  return list.filter((definition, index) => {
    const problem = checkDefinition(definition);
    if (problem) problems.add(`${keyOf(index)}: ${problem.message} (${problem.code})`);
    return !problem;
  }) as DefinitionObject[];
}

function readDefinitionFile(path: string, key: string, problems: OptionProblems): unknown {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.add(`${key}: cannot read definition file ${file}: ${(error as Error).message}`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.add(`${key}: ${file} is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
