import { describe, type OptionProblems } from '../options';

/**
 * Environment variables for the code under test: how an application's own Mesh client, which
 * never sees `mesh`, finds this worker's emulator. Runner-agnostic: an adapter resolves the
 * mapping from its options and writes appEnvFor() into each test file's own environment.
 */

/** The values a variable can take, all from the running emulator. */
export const APP_ENV_VALUES = ['graphqlUrl', 'apiUrl', 'url', 'port', 'meshSecret', 'botControlSecret'] as const;
export type AppEnvValue = (typeof APP_ENV_VALUES)[number];

/** Variable name → value; `false` leaves the variable as the process had it. */
export type AppEnvOption = false | Readonly<Record<string, AppEnvValue | false>>;

/** What the Mesh ecosystem's TypeScript and Python clients read (MESH_ENDPOINT is the GraphQL URL for both). */
export const DEFAULT_APP_ENV: Readonly<Record<string, AppEnvValue>> = {
  MESH_ENDPOINT: 'graphqlUrl',
  MESH_API_ENDPOINT: 'apiUrl',
  MESH_SHARED_SECRET: 'meshSecret',
  BOT_CONTROL_SHARED_SECRET: 'botControlSecret',
};

/** The emulator facts the values come from; a StartedMeshServer has them all. */
export interface AppEnvSource {
  readonly url: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string;
  readonly port: number;
  readonly secrets: { readonly mesh: string; readonly botControl: string };
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The defaults with `input` laid over them: a name mapped to a value sets that variable, a name
 * mapped to `false` drops it, and `false` as a whole drops them all. Problems name `key.NAME`.
 */
export function resolveAppEnv(input: unknown, key: string, problems: OptionProblems): Readonly<Record<string, AppEnvValue>> {
  if (input === undefined) return DEFAULT_APP_ENV;
  if (input === false) return {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    problems.add(`${key} must be false or an object mapping variable names to ${allowedValues()}, got ${describe(input)}`);
    return {};
  }
  const mapping: Record<string, AppEnvValue> = { ...DEFAULT_APP_ENV };
  for (const [name, value] of Object.entries(input)) {
    if (!VARIABLE_NAME.test(name)) {
      problems.add(`${key} names a variable ${JSON.stringify(name)}; a variable name is letters, digits and _, not starting with a digit`);
    } else if (value === false) {
      delete mapping[name];
    } else if ((APP_ENV_VALUES as readonly unknown[]).includes(value)) {
      mapping[name] = value as AppEnvValue;
    } else {
      problems.add(`${key}.${name} must be one of ${allowedValues()}, got ${describe(value)}`);
    }
  }
  return mapping;
}

/** The variables to set, with their values for this emulator. */
export function appEnvFor(source: AppEnvSource, mapping: Readonly<Record<string, AppEnvValue>>): Record<string, string> {
  const values: Record<AppEnvValue, string> = {
    graphqlUrl: source.graphqlUrl,
    apiUrl: source.apiUrl,
    url: source.url,
    port: String(source.port),
    meshSecret: source.secrets.mesh,
    botControlSecret: source.secrets.botControl,
  };
  return Object.fromEntries(Object.entries(mapping).map(([name, value]) => [name, values[value]]));
}

function allowedValues(): string {
  return `${APP_ENV_VALUES.map((value) => `"${value}"`).join(' | ')} | false`;
}
