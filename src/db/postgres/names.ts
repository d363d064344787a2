import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAlive } from '../../process-alive';

/**
 * Names of the databases this package creates, and the note each carries (COMMENT ON DATABASE)
 * that lets a later run recognise a crashed run's leftovers. Every name starts with `mesh_`;
 * nothing else on the server is ever created, changed or dropped.
 *
 *   mesh_<run>_s<shard>of<count>_tpl_<key>    the run's template (schema, functions, built-in definitions)
 *   mesh_<run>_s<shard>of<count>_w<worker>    a worker's database, cloned from the template
 *   mesh_<run>_s<shard>of<count>_w<worker>_<n>  a further server started by the same process
 *
 * `<run>` is MESH_RUN_ID when set (letters and digits kept, lower-cased), else derived from the
 * process that started the run: a test runner's worker processes are forked by one parent, so they
 * share its pid and start time (and the machine's identity), and so a template; parallel runs,
 * other machines and later runs get other names.
 */
export interface DatabaseNameParts {
  /** 1-based index and count of `jest --shard=i/n`; 1 of 1 when the run is not sharded. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** The runner's worker id; the process id when the server is not a runner worker's. */
  readonly worker?: number;
}

/** Leftovers of a crashed run are dropped once this old, whichever machine created them. */
export const LEFTOVER_AGE_MS = 6 * 60 * 60 * 1000;

/** What COMMENT ON DATABASE holds for each database this package creates. */
export interface DatabaseNote {
  readonly mesh: 'jest-environment-mesh';
  /** ISO time of creation. */
  readonly created: string;
  /** machineId() of the creator. */
  readonly machine: string;
  /** The process whose end makes the database a leftover: the run's for a template, the worker's for a worker database. */
  readonly pid: number;
  /** Templates only: the schema they hold (SCHEMA_VERSION); marks a template as complete. */
  readonly schema?: string;
}

let runId: string | undefined;

export function currentRunId(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.MESH_RUN_ID?.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 24);
  if (pinned) return pinned;
  runId ??= derivedRunId();
  return runId;
}

/** The process that stands for the run: the parent of a forked runner worker, else this one. */
export function runProcessId(): number {
  const forkedWorker = typeof process.send === 'function' && (process.env.JEST_WORKER_ID !== undefined || process.env.VITEST_POOL_ID !== undefined);
  return forkedWorker ? process.ppid : process.pid;
}

function derivedRunId(): string {
  const pid = runProcessId();
  const started = processStartTicks(pid);
  // Without a start time (no /proc), the run is this process: a template per worker, still unique.
  if (started === undefined) return randomBytes(6).toString('hex');
  return createHash('sha256').update(`${machineId()}:${pid}:${started}`).digest('hex').slice(0, 12);
}

/** Linux's start time of a process, in clock ticks since boot (field 22 of /proc/<pid>/stat). */
function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The host name plus, on Linux, the boot id: two machines (or boots) that share a host name still differ. */
export function machineId(): string {
  let boot = '';
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    // not Linux: the host name alone
  }
  return `${hostname()}/${boot}`;
}

export function namePrefix(run: string, parts: DatabaseNameParts): string {
  const shard = parts.shard ?? { index: 1, count: 1 };
  return `mesh_${run}_s${shard.index}of${shard.count}`;
}

/** `startRowsKey` (lower-case hex) tells apart templates of one run holding different start rows. */
export const templateName = (prefix: string, startRowsKey?: string): string => `${prefix}_tpl${startRowsKey ? `_${startRowsKey}` : ''}`;

let databasesOpened = 0;

/** The first database of a process is `..._w<worker>`; further ones (several servers in one process) add a counter. */
export function workerDatabaseName(prefix: string, parts: DatabaseNameParts): string {
  databasesOpened += 1;
  const worker = parts.worker ?? process.pid;
  return `${prefix}_w${worker}${databasesOpened === 1 ? '' : `_${databasesOpened}`}`;
}

/** Identifiers are built only from the characters above, and quoted anyway. */
export function quoteIdentifier(name: string): string {
  if (!/^mesh_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing a database name outside the mesh_ namespace: ${name}`);
  return `"${name}"`;
}

export function noteFor(pid: number, schema?: string): DatabaseNote {
  return { mesh: 'jest-environment-mesh', created: new Date().toISOString(), machine: machineId(), pid, ...(schema ? { schema } : {}) };
}

export function parseNote(comment: string | null): DatabaseNote | undefined {
  if (!comment) return undefined;
  try {
    const note = JSON.parse(comment) as Partial<DatabaseNote>;
    return note.mesh === 'jest-environment-mesh' && typeof note.created === 'string' && typeof note.pid === 'number' ? note as DatabaseNote : undefined;
  } catch {
    return undefined;
  }
}

/** A leftover: old enough, or made on this machine by a process that has ended. */
export function isLeftover(note: DatabaseNote, now = Date.now()): boolean {
  const age = now - Date.parse(note.created);
  if (!(age < LEFTOVER_AGE_MS)) return true;
  return note.machine === machineId() && !isAlive(note.pid);
}
