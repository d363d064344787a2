import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DefinitionObject } from './content/definition-types';
import { checkDefinition } from './content/definition-check';

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
  /** Interface to listen on. Default `127.0.0.1`. */
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
}

export interface ResolvedMeshServerOptions {
  readonly port: number;
  readonly host: string;
  readonly secrets: MeshSecrets;
  readonly auth: 'enforce' | 'off';
  readonly definitions: readonly DefinitionObject[];
  readonly strict: boolean;
  readonly requestLogSize: number;
}

export const DEFAULT_SECRETS = { mesh: 'test-mesh-secret', botControl: 'test-bot-secret' } as const;
const KNOWN_KEYS = ['port', 'host', 'secrets', 'auth', 'definitions', 'strict', 'requestLogSize'];
const SECRET_KEYS = ['mesh', 'botControl', 'jwtSigningKey'];

/** Thrown for invalid options; `name` and `code` survive across Jest realms where instanceof does not. */
export class MeshOptionsError extends Error {
  override readonly name = 'MeshOptionsError';
  readonly code = 'INVALID_OPTIONS';
}

/**
 * Validates options and fills defaults. `prefix` names where the options came from
 * (e.g. `testEnvironmentOptions.`) so messages name the full key the user wrote.
 */
export function resolveServerOptions(input: unknown = {}, prefix = ''): ResolvedMeshServerOptions {
  const options = requireObject(input, prefix ? prefix.replace(/\.$/, '') : 'options');
  rejectUnknownKeys(options, KNOWN_KEYS, prefix);
  const secrets = resolveSecrets(options.secrets, `${prefix}secrets`);
  return {
    port: resolvePort(options.port, `${prefix}port`),
    host: resolveHost(options.host, `${prefix}host`),
    secrets,
    auth: oneOf(options.auth ?? 'enforce', ['enforce', 'off'] as const, `${prefix}auth`),
    definitions: resolveDefinitions(options.definitions, `${prefix}definitions`),
    strict: resolveBoolean(options.strict ?? false, `${prefix}strict`),
    requestLogSize: resolveCount(options.requestLogSize ?? 50, `${prefix}requestLogSize`),
  };
}

export function requireObject(value: unknown, key: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MeshOptionsError(`${key} must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export function rejectUnknownKeys(options: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new MeshOptionsError(`${prefix}${key} is not a known option; known options are ${known.map((k) => `"${k}"`).join(', ')}`);
    }
  }
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], key: string): T {
  if (!allowed.includes(value as T)) {
    throw new MeshOptionsError(`${key} must be one of ${allowed.map((a) => `"${a}"`).join(' | ')}, got ${describe(value)}`);
  }
  return value as T;
}

export function resolveBoolean(value: unknown, key: string): boolean {
  if (typeof value !== 'boolean') throw new MeshOptionsError(`${key} must be true or false, got ${describe(value)}`);
  return value;
}

export function resolvePort(value: unknown, key: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new MeshOptionsError(`${key} must be an integer from 0 to 65535 (0 picks a free port), got ${describe(value)}`);
  }
  return value;
}

function resolveCount(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100_000) {
    throw new MeshOptionsError(`${key} must be an integer from 0 to 100000, got ${describe(value)}`);
  }
  return value;
}

function resolveHost(value: unknown, key: string): string {
  if (value === undefined) return '127.0.0.1';
  if (typeof value !== 'string' || value.trim() === '') throw new MeshOptionsError(`${key} must be a non-empty host name or address, got ${describe(value)}`);
  return value;
}

function resolveSecrets(value: unknown, key: string): MeshSecrets {
  const given = requireObject(value ?? {}, key);
  rejectUnknownKeys(given, SECRET_KEYS, `${key}.`);
  for (const name of SECRET_KEYS) {
    const secret = given[name];
    if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
      throw new MeshOptionsError(`${key}.${name} must be a non-empty string, got ${describe(secret)}`);
    }
  }
  const mesh = (given.mesh as string | undefined) ?? DEFAULT_SECRETS.mesh;
  return {
    mesh,
    botControl: (given.botControl as string | undefined) ?? DEFAULT_SECRETS.botControl,
    jwtSigningKey: (given.jwtSigningKey as string | undefined) ?? mesh,
  };
}

function resolveDefinitions(value: unknown, key: string): DefinitionObject[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MeshOptionsError(`${key} must be an array of definition objects or JSON file paths, got ${describe(value)}`);
  return value.flatMap((entry, index) => loadDefinitionEntry(entry, `${key}[${index}]`));
}

function loadDefinitionEntry(entry: unknown, key: string): DefinitionObject[] {
  const loaded = typeof entry === 'string' ? readDefinitionFile(entry, key) : entry;
  const list = Array.isArray(loaded) ? loaded : [loaded];
  return list.map((definition, index) => {
    const where = list.length > 1 || Array.isArray(loaded) ? `${key}[${index}]` : key;
    const problem = checkDefinition(definition);
    if (problem) throw new MeshOptionsError(`${where}: ${problem.message} (${problem.code})`);
    return definition as DefinitionObject;
  });
}

function readDefinitionFile(path: string, key: string): unknown {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MeshOptionsError(`${key}: cannot read definition file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MeshOptionsError(`${key}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
