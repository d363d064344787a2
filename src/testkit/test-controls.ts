import type { ClockState } from '../clock/clock';
import { rest, type Endpoint, type HttpMethod } from '../client/transport';
import type { ActiveFault, FaultSpec } from '../faults/faults';
import type { DumpFilter } from '../seed/dump';
import type { SeedRecord } from '../seed/records';

/** `mesh.clock`: the worker server's clock, which stamps createdAt / updatedAt. */
export interface MeshClockControl {
  /** Fixes the clock at `date` (a Date or an ISO 8601 string) until the next reset. */
  set(date: Date | string): Promise<ClockState>;
  /** Moves the clock on by `ms` (negative moves it back). */
  advance(ms: number): Promise<ClockState>;
  /** What the clock shows now. */
  now(): Promise<ClockState>;
}

/** `mesh.faults`: answers the next matching requests with a failure, a dropped connection or a delay. */
export interface MeshFaultsControl {
  /** Arms one fault (or several); each catches `times` matching requests (default 1). */
  inject(spec: FaultSpec | readonly FaultSpec[]): Promise<ActiveFault[]>;
  /** Disarms every fault and lets delayed requests go on at once (a reset does the same). */
  clear(): Promise<void>;
  list(): Promise<ActiveFault[]>;
}

export interface MeshTestControls {
  readonly clock: MeshClockControl;
  readonly faults: MeshFaultsControl;
  /** The worker's records in the seed format, ready to save and pass back as the `seed` option. */
  dump(filter?: DumpFilter): Promise<SeedRecord[]>;
}

/**
 * The /test routes as functions. Over HTTP on purpose: a runner whose server lives in another
 * thread or process (Vitest's) gets the same members from the same code.
 */
export function createTestControls(url: string, meshSecret: string): MeshTestControls {
  const endpoint: Endpoint = { root: url, headers: { 'x-mesh-secret': meshSecret }, tenant: undefined };
  const call = async <T>(method: HttpMethod, path: string, body?: unknown, query?: Record<string, string | undefined>): Promise<T> =>
    (await rest<T>(endpoint, { method, path, body, ...(query ? { query } : {}) })).data;
  return {
    clock: {
      set: (date) => call<ClockState>('POST', '/test/clock', { set: date instanceof Date ? date.toISOString() : date }),
      advance: (ms) => call<ClockState>('POST', '/test/clock', { advance: ms }),
      now: () => call<ClockState>('GET', '/test/clock'),
    },
    faults: {
      inject: (spec) => call<ActiveFault[]>('POST', '/test/faults', spec),
      clear: async () => {
        await call('DELETE', '/test/faults');
      },
      list: () => call<ActiveFault[]>('GET', '/test/faults'),
    },
    dump: (filter = {}) => call<SeedRecord[]>('GET', '/test/dump', undefined, { tenant: filter.tenant, types: filter.types?.join(',') }),
  };
}
