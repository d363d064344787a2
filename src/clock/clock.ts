import { describe, requireObject, rejectUnknownKeys, type OptionProblems } from '../options';

/**
 * The server's clock option: `"real"` (wall time), or a fixed clock that starts at `start` and
 * moves only by `stepMs` per timestamp it hands out, by `set` and by `advance`.
 */
export type MeshClockOption = 'real' | { readonly start: string | Date; readonly stepMs?: number };
/** After validation: `start` as an ISO string, so the options stay plain JSON data. */
export type ResolvedClockOption = 'real' | { readonly start: string; readonly stepMs: number };

/** What `GET /test/clock` and every clock route answer. */
export interface ClockState {
  /** The time the next row write would be stamped with, ISO 8601. */
  readonly now: string;
  /** `"fixed"` once set (or configured with a start), `"real"` while it follows wall time. */
  readonly mode: 'real' | 'fixed';
  readonly stepMs: number;
}

const MAX_STEP_MS = 86_400_000;

/**
 * Where rows get createdAt / updatedAt from. The server runs outside the test's realm, so Jest's
 * fake timers never reach it; this clock is what tests move instead.
 */
export class MeshClock {
  private fixedAt: number | undefined;
  private offsetMs = 0;
  private stepMs = 0;
  private baseline: { fixedAt: number | undefined; offsetMs: number; stepMs: number };

  constructor(option: ResolvedClockOption) {
    if (option !== 'real') {
      this.fixedAt = Date.parse(option.start);
      this.stepMs = option.stepMs;
    }
    this.baseline = this.state();
  }

  /** The timestamp for the next write; a fixed clock then moves on by stepMs, so writes stay ordered. */
  now(): Date {
    if (this.fixedAt === undefined) return new Date(Date.now() + this.offsetMs);
    const at = this.fixedAt;
    this.fixedAt += this.stepMs;
    return new Date(at);
  }

  /** Fixes the clock at `date` (a real clock stops following wall time until the next reset). */
  set(date: Date): void {
    this.fixedAt = date.getTime();
    this.offsetMs = 0;
  }

  /** Moves the clock on; a real clock keeps running, `ms` ahead. */
  advance(ms: number): void {
    if (this.fixedAt === undefined) this.offsetMs += ms;
    else this.fixedAt += ms;
  }

  /** Remembers the current setting as the one reset() returns to (taken with the database baseline). */
  takeBaseline(): void {
    this.baseline = this.state();
  }

  reset(): void {
    ({ fixedAt: this.fixedAt, offsetMs: this.offsetMs, stepMs: this.stepMs } = this.baseline);
  }

  describe(): ClockState {
    const at = this.fixedAt ?? Date.now() + this.offsetMs;
    return { now: new Date(at).toISOString(), mode: this.fixedAt === undefined ? 'real' : 'fixed', stepMs: this.stepMs };
  }

  private state() {
    return { fixedAt: this.fixedAt, offsetMs: this.offsetMs, stepMs: this.stepMs };
  }
}

/** Validates the `clock` option; a bad value is a problem named by `key` and reads as "real". */
export function resolveClockOption(value: unknown, key: string, problems: OptionProblems): ResolvedClockOption {
  if (value === undefined || value === 'real') return 'real';
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
    problems.add(`${key} must be "real" or { start: <ISO date>, stepMs?: <ms per write> }, got ${describe(value)}`);
    return 'real';
  }
  const given = requireObject(value, key, problems);
  rejectUnknownKeys(given, ['start', 'stepMs'], `${key}.`, problems);
  const start = parseDate(given.start);
  if (start === undefined) problems.add(`${key}.start must be an ISO 8601 date (e.g. "2024-01-01T00:00:00.000Z") or a Date, got ${describe(given.start)}`);
  const stepMs = given.stepMs ?? 0;
  const stepOk = typeof stepMs === 'number' && Number.isInteger(stepMs) && stepMs >= 0 && stepMs <= MAX_STEP_MS;
  if (!stepOk) problems.add(`${key}.stepMs must be an integer from 0 to ${MAX_STEP_MS} (milliseconds added after each timestamp), got ${describe(stepMs)}`);
  return { start: (start ?? new Date(0)).toISOString(), stepMs: stepOk ? stepMs : 0 };
}

// V8 reads "5" or "May" as dates too; only an ISO 8601 date (time and zone optional) is accepted.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A Date, or an ISO 8601 string; undefined for anything else (including an invalid date). */
export function parseDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
