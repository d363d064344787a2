import { describe } from '../options';

/**
 * A fault as a test asks for it (`mesh.faults.inject`, `POST /test/faults`): which requests it
 * catches, and what they get instead of the emulator's answer.
 */
export interface FaultSpec {
  /** Start from a shipped preset; the other keys override its fields. */
  readonly preset?: FaultPresetName;
  /** HTTP method to match, any case. Default: every method. */
  readonly method?: string;
  /** Request path to match, without the query; `*` matches any run of characters (`/api/content/*`). Default: every path outside /test. */
  readonly path?: string;
  /** Content type to match, as in `/api/content/:type` and `/api/definition/:type`. Default: any (and requests without one). */
  readonly type?: string;
  /** Answer with this status and the service's failure envelope (GraphQL: its error shape). */
  readonly status?: number;
  /** The envelope's `error.code`; leave it out where the service sends none. */
  readonly code?: string;
  /** The envelope's `error.message`. Default: the service's text for the status and code. */
  readonly message?: string;
  /** Close the connection without answering, as a crashed service or a proxy timeout does. */
  readonly drop?: boolean;
  /** Wait this long first (ms, up to 60000); alone, the request then goes through as usual. */
  readonly delayMs?: number;
  /** How many matching requests it catches before letting later ones through: a count, or `"always"`. Default 1. */
  readonly times?: number | 'always';
}

export type FaultPresetName = 'missingDefinition' | 'unauthorized' | 'dropConnection' | 'slow';

/** An armed fault, as `GET /test/faults` lists it. */
export interface ActiveFault {
  readonly id: number;
  readonly method?: string;
  readonly path?: string;
  readonly type?: string;
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
  readonly drop: boolean;
  readonly delayMs: number;
  /** Matching requests it will still catch; `"always"` for no limit. */
  readonly remaining: number | 'always';
}

/** The failures every client of the service must survive, ready to inject. */
export const FAULT_PRESETS: Readonly<Record<FaultPresetName, FaultSpec>> = {
  /** The 500 a create gets when its type has no definition for the tenant; clients register it and retry. */
  missingDefinition: { method: 'POST', path: '/api/content/*', status: 500, code: 'CONTENT_CREATE_ERR' },
  /** A rejected credential: REST's 401 envelope, GraphQL's `{ error }` body. */
  unauthorized: { status: 401, code: 'UNAUTHORIZED' },
  /** The connection closes before any answer. */
  dropConnection: { drop: true },
  /** An answer that takes 2 s longer than usual. */
  slow: { delayMs: 2000 },
};

const SPEC_KEYS = ['preset', 'method', 'path', 'type', 'status', 'code', 'message', 'drop', 'delayMs', 'times'];
const MAX_DELAY_MS = 60_000;
const MAX_TIMES = 1_000_000;

/** Turns a spec into an armed fault, or lists everything wrong with it (each naming `key.field`). */
export function checkFaultSpec(input: unknown, key: string, id: number): { fault?: ActiveFault; problems: string[] } {
  const problems: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { problems: [`${key} must be an object, got ${describe(input)}`] };
  const given = input as Record<string, unknown>;
  for (const name of Object.keys(given).filter((field) => !SPEC_KEYS.includes(field))) {
    problems.push(`${key}.${name} is not a fault field; fields are ${SPEC_KEYS.join(', ')}`);
  }
  let preset: FaultSpec = {};
  if (given.preset !== undefined) {
    const named = FAULT_PRESETS[given.preset as FaultPresetName];
    if (typeof given.preset !== 'string' || !Object.hasOwn(FAULT_PRESETS, given.preset) || !named) {
      problems.push(`${key}.preset must be one of ${Object.keys(FAULT_PRESETS).map((n) => `"${n}"`).join(' | ')}, got ${describe(given.preset)}`);
    } else preset = named;
  }
  const spec = { ...preset, ...withoutUndefined(given) } as Record<string, unknown>;
  const text = (name: string) => {
    const value = spec[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) problems.push(`${key}.${name} must be a non-empty string, got ${describe(value)}`);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const method = text('method')?.toUpperCase();
  const path = text('path');
  if (path !== undefined && !/^[/*]/.test(path)) problems.push(`${key}.path must start with "/" or "*" (e.g. "/api/content/*"), got ${describe(path)}`);
  const type = text('type');
  const code = text('code');
  const message = text('message');
  const status = spec.status;
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)) {
    problems.push(`${key}.status must be an HTTP error status from 400 to 599, got ${describe(status)}`);
  }
  const drop = spec.drop ?? false;
  if (typeof drop !== 'boolean') problems.push(`${key}.drop must be true or false, got ${describe(drop)}`);
  const delayMs = spec.delayMs ?? 0;
  if (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
    problems.push(`${key}.delayMs must be an integer from 0 to ${MAX_DELAY_MS}, got ${describe(delayMs)}`);
  }
  const times = spec.times ?? 1;
  if (times !== 'always' && (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > MAX_TIMES)) {
    problems.push(`${key}.times must be an integer from 1 to ${MAX_TIMES} or "always", got ${describe(times)}`);
  }
  if (status !== undefined && drop === true) problems.push(`${key}: give either status (an answer) or drop: true (no answer), not both`);
  if (status === undefined && drop !== true && !delayMs) problems.push(`${key} does nothing: give a status, drop: true or a delayMs (or a preset)`);
  if (status === undefined && (code !== undefined || message !== undefined)) problems.push(`${key}: code and message need a status to answer with`);
  if (problems.length > 0) return { problems };
  return {
    problems,
    fault: {
      id,
      ...(method ? { method } : {}),
      ...(path ? { path } : {}),
      ...(type ? { type } : {}),
      ...(status !== undefined ? { status: status as number } : {}),
      ...(code ? { code } : {}),
      ...(message ? { message } : {}),
      drop: drop as boolean,
      delayMs: delayMs as number,
      remaining: times as number | 'always',
    },
  };
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([name, item]) => item !== undefined && name !== 'preset'));
}
