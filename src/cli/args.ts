import { parseArgs } from 'node:util';
import { resolveServerOptions, MeshOptionsError, type ResolvedMeshServerOptions } from '../options';

/** A command-line problem: reported as one line on stderr with exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly code = 'USAGE';
}

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly options: ResolvedMeshServerOptions; readonly exitOnStdinClose: boolean; readonly names: OptionNames;
      /** `--export-on-exit`: where the records go when the server stops. */
      readonly exportOnExit: string | undefined };

/** How the user spelled each option (a flag or an environment variable), so errors name what they wrote. */
export interface OptionNames {
  readonly port: string;
  readonly host: string;
  /** `--database` or `MESH_DATABASE_URL`, whichever set it. */
  readonly database: string;
}

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'mesh-secret': { type: 'string' },
  'bot-control-secret': { type: 'string' },
  'jwt-signing-key': { type: 'string' },
  auth: { type: 'string' },
  definitions: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  seed: { type: 'string', multiple: true },
  clock: { type: 'string' },
  'export-on-exit': { type: 'string' },
  database: { type: 'string' },
  'exit-on-stdin-close': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Option key (as resolveServerOptions names it) → the flag and the environment variable that set it. */
const SOURCES: ReadonlyArray<{ key: string; flag: string; env?: string }> = [
  { key: 'port', flag: 'port', env: 'PORT' },
  { key: 'host', flag: 'host' },
  { key: 'secrets.mesh', flag: 'mesh-secret', env: 'MESH_SHARED_SECRET' },
  { key: 'secrets.botControl', flag: 'bot-control-secret', env: 'BOT_CONTROL_SHARED_SECRET' },
  { key: 'secrets.jwtSigningKey', flag: 'jwt-signing-key', env: 'AUTH_SIGNING_KEY' },
  { key: 'auth', flag: 'auth' },
  { key: 'strict', flag: 'strict' },
  { key: 'database', flag: 'database', env: 'MESH_DATABASE_URL' },
];

export const KNOWN_FLAGS = Object.keys(FLAGS).map((name) => `--${name}`);

export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): CliCommand {
  const values = parseFlags(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const pick = (flag: string, envName?: string) => pickSource(values, env, flag, envName);
  const names = new Map(SOURCES.map(({ key, flag, env: envName }) => [key, pick(flag, envName).name]));
  const input = {
    port: toPortValue(pick('port', 'PORT').value),
    host: pick('host').value,
    secrets: {
      mesh: pick('mesh-secret', 'MESH_SHARED_SECRET').value,
      botControl: pick('bot-control-secret', 'BOT_CONTROL_SHARED_SECRET').value,
      jwtSigningKey: pick('jwt-signing-key', 'AUTH_SIGNING_KEY').value,
    },
    auth: pick('auth').value,
    definitions: values.definitions,
    strict: values.strict,
    seed: values.seed,
    clock: toClockValue(values.clock),
    database: pick('database', 'MESH_DATABASE_URL').value,
  };
  try {
    const options = resolveServerOptions(input);
    return { kind: 'run', options, exitOnStdinClose: values['exit-on-stdin-close'] === true, exportOnExit: values['export-on-exit'], names: { port: names.get('port')!, host: names.get('host')!, database: names.get('database')! } };
  } catch (error) {
    if (error instanceof MeshOptionsError) {
      // One line on stderr: every problem, each named as the user wrote it.
      throw new CliUsageError(error.problems.map((problem) => renameOptionKey(problem, names, values.definitions ?? [], values.clock)).join('; '));
    }
    throw error;
  }
}

type FlagValues = ReturnType<typeof parseFlags>;

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliUsageError(describeParseError(error as NodeJS.ErrnoException));
  }
}

// parseArgs' own messages suggest `--` positionals, which this command has none of.
function describeParseError(error: NodeJS.ErrnoException): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const flag = quoted.split(' ')[0];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${quoted}; known flags are ${KNOWN_FLAGS.join(', ')}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}; every option is a flag (see --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('does not take an argument')
        ? `${flag} is a switch and takes no value`
        : `${flag} needs a value`;
    default:
      return error.message;
  }
}

/** A flag wins over its environment variable; an empty variable counts as unset. */
function pickSource(values: FlagValues, env: NodeJS.ProcessEnv, flag: string, envName?: string): { value: unknown; name: string } {
  const given = (values as Record<string, unknown>)[flag];
  if (given !== undefined) return { value: given, name: `--${flag}` };
  const fromEnv = envName ? env[envName] : undefined;
  if (envName && fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, name: envName };
  return { value: undefined, name: `--${flag}` };
}

/** `real`, `ISO` or `ISO,stepMs` as the clock option; the validator names what is wrong with it. */
function toClockValue(value: string | undefined): unknown {
  if (value === undefined || value === 'real') return value;
  const [start, step] = value.split(',');
  return step === undefined ? { start } : { start, stepMs: toPortValue(step) };
}

// Digits become a number; anything else stays a string so the validator quotes it back.
function toPortValue(value: unknown): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

/** Rewrites `secrets.mesh must be ...` as `--mesh-secret must be ...` (or the env variable that set it). */
export function renameOptionKey(message: string, names: ReadonlyMap<string, string>, definitionPaths: readonly string[], clock?: string): string {
  if (message.startsWith('clock.')) return `--clock ${clock}: ${message.slice('clock.'.length)}`;
  if (message.startsWith('seed[')) return renameSeedSource(message);
  const definition = /^definitions\[(\d+)\]/.exec(message);
  if (definition) {
    const path = definitionPaths[Number(definition[1])] ?? '';
    return `--definitions ${path}${message.slice(definition[0].length).replace(/^\[\d+\]/, (m) => ` (entry ${m.slice(1, -1)})`)}`;
  }
  const key = [...names.keys()].find((name) => message.startsWith(`${name} `));
  return key ? `${names.get(key)}${message.slice(key.length)}` : message;
}

/** `seed[0] (/abs/file) line 2 ...` (a record's source) or `seed[0]: cannot read seed file /abs/file` as the flag that gave the file. */
export function renameSeedSource(message: string): string {
  return message
    .replace(/^seed\[\d+\] \(([^)]*)\)/, '--seed $1')
    .replace(/^seed\[\d+\]: cannot read seed file (\S+):/, '--seed $1: cannot read seed file $1:');
}
