import { MeshClock, type ClockState } from './clock/clock';
import { openMeshDatabase, type DatabaseNameParts } from './db/database';
import { builtInDefinitionRows, skipBuiltInSteps } from './content/built-ins';
import { ContentService } from './content/service';
import { PLATFORM_DEFINITIONS } from './definitions';
import { CoverageRecorder, type CoverageSnapshot } from './contract-coverage/recorder';
import { FaultBook } from './faults/book';
import type { ActiveFault } from './faults/faults';
import { canonicalJson, dumpRecords, type DumpFilter } from './seed/dump';
import { loadSeed } from './seed/load';
import type { SeedRecord } from './seed/records';
import { createMeshApp } from './http/app';
import { RequestLog, type RecordedRequest } from './http/request-log';
import { listenOn, type Listeners } from './listen';
import { resolveServerOptions, type MeshSecrets, type MeshServerOptions } from './options';

export { MeshPortInUseError } from './listen';

/** A running emulator. Plain data plus functions, so it can be handed into a Jest sandbox. */
export interface StartedMeshServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  /** `url + '/api'`, what Mesh clients call their base URL. */
  readonly apiUrl: string;
  /** `url + '/graphql'`. */
  readonly graphqlUrl: string;
  readonly port: number;
  /** The host in `url`: the `host` option, or 127.0.0.1 by default. */
  readonly host: string;
  /** Every address listened on: `['127.0.0.1', '::1']` by default (without ::1 on a machine that has none), else `[host]`. */
  readonly addresses: readonly string[];
  readonly secrets: MeshSecrets;
  /** Back to the state right after start (built-in definitions and the seed), caches cleared, clock back to its start, faults disarmed. */
  resetDatabase(): Promise<void>;
  /** The records as seed records (definitions first), the format the `seed` option reads. */
  dump(filter?: DumpFilter): Promise<SeedRecord[]>;
  /** The clock that stamps createdAt / updatedAt (see the clock option). */
  readonly clock: { set(date: Date): void; advance(ms: number): void; describe(): ClockState };
  /** Faults that answer matching requests instead of the emulator (see FaultSpec). */
  readonly faults: { inject(spec: unknown): ActiveFault; clear(): void; list(): ActiveFault[] };
  /** Requests by contract part since start (routes, GraphQL operations, where operators, error answers), for the coverage reporter. */
  contractCoverage(): CoverageSnapshot;
  /** The last requests served, oldest first (see the requestLogSize option). */
  recentRequests(): RecordedRequest[];
  clearRequestLog(): void;
  /**
   * Lets the process exit while the server is still open (server and its connections are unref'd).
   * The Jest environment uses it: a worker's server lives until the process ends, and an in-band run
   * must still exit without "Jest did not exit".
   */
  unref(): void;
  /** Stops listening, ends open connections and drops the database. Safe to call twice. */
  close(): Promise<void>;
}

/** For adapters (test runners, the CLI): who starts the server, for a PostgreSQL database's name and messages. */
export interface StartContext extends DatabaseNameParts {
  /** The database option as the user wrote it (`testEnvironmentOptions.database`, `--database`), named in connection errors. Default `database`. */
  readonly databaseKey?: string;
}

export async function startMeshServer(options: MeshServerOptions = {}, context: StartContext = {}): Promise<StartedMeshServer> {
  const resolved = resolveServerOptions(options);
  const clock = new MeshClock(resolved.clock);
  const { databaseKey = 'database', ...names } = context;
  const database = await openMeshDatabase({ url: resolved.database, key: databaseKey, names, startRows: builtInDefinitionRows(resolved.clock) });
  skipBuiltInSteps(clock);
  const content = await ContentService.create(database, { ...resolved, now: () => clock.now() });
  try {
    await loadSeed(content, resolved.seed);
  } catch (error) {
    await database.close();
    throw error;
  }
  await database.takeBaseline();
  clock.takeBaseline();
  const faults = new FaultBook();
  const coverage = new CoverageRecorder();
  const requestLog = new RequestLog(resolved.requestLogSize);
  const reset = async () => {
    await database.restoreBaseline();
    content.clearCaches();
    clock.reset();
    faults.clear();
  };
  const startDefinitions = new Set([...PLATFORM_DEFINITIONS, ...resolved.definitions].map(canonicalJson));
  const dump = (filter?: DumpFilter) => dumpRecords(content, startDefinitions, filter);
  const { app, stop: stopApp } = createMeshApp({ content, options: resolved, requestLog, reset, faults, coverage, testing: { clock, dump, coverage: () => coverage.snapshot() } });
  let listeners: Listeners;
  try {
    listeners = await listenOn(app, resolved.port, resolved.host);
  } catch (error) {
    await stopApp();
    await database.close();
    throw error;
  }
  const host = resolved.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${listeners.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}/api`,
    graphqlUrl: `${url}/graphql`,
    port: listeners.port,
    host,
    addresses: listeners.addresses,
    secrets: resolved.secrets,
    resetDatabase: reset,
    dump,
    contractCoverage: () => coverage.snapshot(),
    clock: { set: (date) => clock.set(date), advance: (ms) => clock.advance(ms), describe: () => clock.describe() },
    faults: { inject: (spec) => faults.inject(spec), clear: () => faults.clear(), list: () => faults.list() },
    recentRequests: () => requestLog.entries(),
    clearRequestLog: () => requestLog.clear(),
    unref: () => {
      listeners.unref();
      database.unref();
    },
    close: () => (closing ??= listeners.close().then(stopApp).then(() => database.close())),
  };
}
