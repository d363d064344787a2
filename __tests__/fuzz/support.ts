import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { tenantCatalogueFor } from '../../src/definitions';
import type { StartedMeshServer } from '../../src/server';

/**
 * Shared by the fuzz suites: the seed, the JSON generators, the wire checks and the prototype
 * guard. Reproduce a run with MESH_FUZZ_SEED=<seed> (printed at the start); MESH_FUZZ_SCALE
 * multiplies the number of requests (default 1: about 10,300 over both suites, reads after
 * writes included).
 */
export const SEED = Number(process.env.MESH_FUZZ_SEED ?? 20_261_130);
export const SCALE = Number(process.env.MESH_FUZZ_SCALE ?? 1);
if (!Number.isSafeInteger(SEED)) throw new Error(`MESH_FUZZ_SEED must be an integer, got ${process.env.MESH_FUZZ_SEED}`);
if (!(SCALE > 0)) throw new Error(`MESH_FUZZ_SCALE must be a positive number, got ${process.env.MESH_FUZZ_SCALE}`);

/** Requests sent at once: enough to interleave handlers, few enough for a 2-core machine. */
export const CONCURRENCY = 8;

/** Keys that have broken JSON handling elsewhere: property names of Object.prototype, paths, quotes. */
const ODD_KEYS = ['', ' ', 'a.b', 'a..b', '$1', "'", '"', '\\', '%', '_', 'constructor', 'toString', 'valueOf', 'hasOwnProperty',
  'isPrototypeOf', '__proto__', 'prototype', 'length', '0', '-1', '日本語', '🚀', 'e\u0301', 'title', 'mode', 'tags'];
const ODD_STRINGS = ["Robert'); DROP TABLE notion_blocks;--", '%_\\', '$1::jsonb', '\u200b', '\r\n\t', '🚀🚀', 'e\u0301', '\uFEFF', ' ', ''];

export const key = (): fc.Arbitrary<string> => fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_KEYS) },
);

/** Strings without NUL: PostgreSQL cannot store one, so a NUL is a refusal case of its own. */
export const text = (): fc.Arbitrary<string> => fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_STRINGS) },
).map((value) => value.replace(/\u0000/g, ''));

/** JSON values a client can send and read back exactly: finite numbers, no NUL, bounded depth. */
export function jsonValue(maxDepth = 4): fc.Arbitrary<unknown> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      text(),
      fc.array(tie('value'), { maxLength: 4 }),
      jsonObjectOf(tie('value')),
    ),
  }));
  return value;
}

export function jsonObjectOf(values: fc.Arbitrary<unknown>, maxKeys = 5): fc.Arbitrary<Record<string, unknown>> {
  // Built by defining properties, so that a key like `__proto__` stays a key, as JSON.parse keeps it.
  return fc.array(fc.tuple(key(), values), { maxLength: maxKeys }).map((pairs) => {
    const object: Record<string, unknown> = {};
    for (const [name, value] of pairs) Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
    return object;
  });
}

export const jsonObject = (maxDepth = 3) => jsonObjectOf(jsonValue(maxDepth));

/** A JSON text round trip: key order and values as sent. `_id` is the REST item's own key. */
/**
 * The same JSON value as jsonb keeps it: PostgreSQL stores object keys in its own order (shorter
 * first, then by bytes) and answers in that order, so key order is not part of what must round-trip;
 * every key, value and array order is.
 */
export function sameJson(sent: unknown, received: unknown, dropId = false): boolean {
  const strip = (value: unknown): unknown => {
    if (!dropId || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    delete copy._id;
    return copy;
  };
  return canonicalJson(strip(sent)) === canonicalJson(strip(received));
}

/** JSON text with object keys sorted at every depth; own keys only, so `__proto__` counts as data. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

export interface Reply { status: number; text: string; json: any }

export async function send(server: StartedMeshServer, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', 'x-mesh-secret': server.secrets.mesh, ...headers },
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** Runs thunks CONCURRENCY at a time, in order of start. */
export async function inParallel<T>(jobs: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  return results;
}

/** A tenant with the catalogue (Notes, HtmlGeneration, AppletStorage) registered. */
export async function registerTenant(server: StartedMeshServer): Promise<string> {
  const tenant = randomUUID();
  for (const definition of tenantCatalogueFor(tenant)) {
    const reply = await send(server, 'POST', `/api/definition?tenant=${tenant}`, JSON.stringify({ definition }));
    if (reply.status !== 200) throw new Error(`registering ${definition.name} failed: ${reply.text}`);
  }
  return tenant;
}

/**
 * Object.prototype of this realm (Jest's sandbox, where the server's modules run) and of Node's
 * own realm (objects made by core modules): their property names before, to compare after.
 */
export function prototypeGuard(): { check(): void } {
  const outer = Object.getPrototypeOf(EventEmitter.prototype) as object;
  const realms = [Object.prototype, outer];
  const before = realms.map((proto) => Object.getOwnPropertyNames(proto).sort().join(','));
  return {
    check() {
      realms.forEach((proto, index) => expect(Object.getOwnPropertyNames(proto).sort().join(',')).toBe(before[index]));
      // A polluted prototype shows on every plain object, as the issue's `exp` did on every token.
      const probe: Record<string, unknown> = {};
      const inherited: string[] = [];
      for (const name in probe) inherited.push(name);
      expect(inherited).toEqual([]);
    },
  };
}

export interface SeededRun<T> {
  suite: string;
  requests: fc.Arbitrary<T>;
  batch: number;
  runs: number;
  /** Called every RESET_EVERY batches, so that list scans stay as cheap as a test suite's. */
  reset(): Promise<void>;
  run(request: T): Promise<void>;
  /** Requests sent so far, follow-up reads included. */
  sent(): number;
}

const RESET_EVERY = 80;

/**
 * Runs `runs` generated batches, each sent CONCURRENCY at a time; the seed is printed first so a
 * failing run can be replayed, and the first failure ends the run (shrinking would replay batches
 * against a server whose state has moved on).
 */
export async function runSeeded<T>(options: SeededRun<T>): Promise<void> {
  process.stdout.write(`[fuzz] ${options.suite}: seed ${SEED} (MESH_FUZZ_SEED=${SEED} to replay), ${options.runs} batches of ${options.batch}\n`);
  const guard = prototypeGuard();
  const started = performance.now();
  let batches = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(options.requests, { minLength: options.batch, maxLength: options.batch }), async (requests) => {
      batches += 1;
      if (batches % RESET_EVERY === 0) await options.reset();
      await inParallel(requests.map((request) => () => options.run(request)));
    }),
    { seed: SEED, numRuns: options.runs, endOnFailure: true },
  );
  guard.check();
  process.stdout.write(`[fuzz] ${options.suite}: ${options.sent()} requests in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  expect(options.sent()).toBeGreaterThanOrEqual(options.runs * options.batch);
}

/** Why a reply is not an acceptable REST answer, or null. */
export function envelopeProblem(reply: Reply): string | null {
  const body = reply.json;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'not a JSON object';
  if (reply.status >= 500 && !(reply.status === 500 && body.error?.code === 'CONTENT_CREATE_ERR')) return 'a 5xx other than CONTENT_CREATE_ERR';
  if (body.success === true) {
    if (reply.status !== 200 || !('data' in body)) return 'success without 200 and data';
    return Object.keys(body).every((k) => ['success', 'data', 'total', 'hasMore'].includes(k)) ? null : 'unexpected keys in a success envelope';
  }
  if (body.success !== false || reply.status < 400) return 'neither a success nor a failure envelope';
  const error = body.error;
  if (error === null || typeof error !== 'object' || typeof error.message !== 'string') return 'failure without error.message';
  if (error.code !== undefined && typeof error.code !== 'string') return 'error.code not a string';
  return Object.keys(body).every((k) => k === 'success' || k === 'error') ? null : 'unexpected keys in a failure envelope';
}

/** Why a reply is not an acceptable GraphQL answer, or null. */
export function graphqlProblem(reply: Reply): string | null {
  const body = reply.json;
  if (reply.status >= 500) return 'a 5xx';
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'not a JSON object';
  if (!('data' in body) && !('errors' in body)) return 'neither data nor errors';
  if (Object.keys(body).some((k) => k !== 'data' && k !== 'errors' && k !== 'extensions')) return 'unexpected top-level keys';
  if (body.errors === undefined) return reply.status === 200 ? null : `status ${reply.status} without errors`;
  if (!Array.isArray(body.errors) || body.errors.length === 0) return 'errors is not a non-empty list';
  for (const error of body.errors) {
    if (typeof error?.message !== 'string' || typeof error?.extensions?.code !== 'string') return 'an error without message or extensions.code';
    if (error.extensions.code === 'INTERNAL_SERVER_ERROR') return 'INTERNAL_SERVER_ERROR for a client request';
  }
  return null;
}
