import { Router, type Request } from 'express';
import { parseDate, type MeshClock } from '../clock/clock';
import type { CoverageSnapshot } from '../contract-coverage/recorder';
import { badRequest } from '../errors';
import type { FaultBook } from '../faults/book';
import { describe } from '../options';
import { formatRecords, type DumpFilter } from '../seed/dump';
import type { SeedRecord } from '../seed/records';
import { sendData } from './envelope';

/** What the /test routes control: the server's reset, clock, faults and records. */
export interface TestControls {
  reset(): Promise<void>;
  readonly clock: MeshClock;
  readonly faults: FaultBook;
  dump(filter: DumpFilter): Promise<SeedRecord[]>;
  /** What the contract coverage report counts for this server since it started. */
  coverage(): CoverageSnapshot;
}

const MAX_ADVANCE_MS = 10 * 365 * 86_400_000;

/** Routes for test runners in other languages: what the Jest environment does in-process. */
export function testRoutes(controls: TestControls): Router {
  const router = Router();
  router.post('/reset-db', async (_req, res) => {
    await controls.reset();
    sendData(res, { reset: true });
  });
  router.get('/clock', (_req, res) => sendData(res, controls.clock.describe()));
  router.post('/clock', (req, res) => {
    moveClock(controls.clock, req.body);
    sendData(res, controls.clock.describe());
  });
  router.get('/faults', (_req, res) => sendData(res, controls.faults.list()));
  router.post('/faults', (req, res) => {
    const specs: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
    sendData(res, specs.map((spec, index) => controls.faults.inject(spec, Array.isArray(req.body) ? `body[${index}]` : 'body')));
  });
  router.delete('/faults', (_req, res) => {
    controls.faults.clear();
    sendData(res, { cleared: true });
  });
  router.get('/dump', async (req, res) => {
    const records = await controls.dump(dumpFilterOf(req));
    if (req.query.format === 'ndjson') {
      res.type('application/x-ndjson').send(formatRecords(records, true));
    } else sendData(res, records);
  });
  router.get('/coverage', (_req, res) => sendData(res, controls.coverage()));
  return router;
}

/** `{ set: <ISO date> }` or `{ advance: <ms> }`. */
function moveClock(clock: MeshClock, body: unknown): void {
  const given = (body ?? {}) as Record<string, unknown>;
  const keys = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(given) : [];
  if (keys.length !== 1 || !['set', 'advance'].includes(keys[0]!)) {
    throw badRequest('BAD_CLOCK', `body must be { "set": "<ISO 8601 date>" } or { "advance": <milliseconds> }, got ${JSON.stringify(body)}`);
  }
  if (keys[0] === 'set') {
    const date = parseDate(given.set);
    if (!date) throw badRequest('BAD_CLOCK', `set must be an ISO 8601 date such as "2024-01-01T00:00:00.000Z", got ${describe(given.set)}`);
    clock.set(date);
    return;
  }
  const ms = given.advance;
  if (typeof ms !== 'number' || !Number.isInteger(ms) || Math.abs(ms) > MAX_ADVANCE_MS) {
    throw badRequest('BAD_CLOCK', `advance must be an integer number of milliseconds (at most 10 years either way), got ${describe(ms)}`);
  }
  clock.advance(ms);
}

function dumpFilterOf(req: Request): DumpFilter {
  const { tenant, types } = req.query;
  if (tenant !== undefined && typeof tenant !== 'string') throw badRequest('BAD_DUMP', 'tenant must be given once');
  if (types !== undefined && typeof types !== 'string') throw badRequest('BAD_DUMP', 'types must be given once, comma-separated (types=Notes,Tenant)');
  return {
    ...(tenant ? { tenant } : {}),
    ...(types ? { types: types.split(',').map((type) => type.trim()).filter(Boolean) } : {}),
  };
}
