// Tells where-reporter.js which worker and emulator this file ran on. One small JSON file per test
// file, in the reporter's per-run directory, which the reporter removes when the run completes.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env['MESH_DEMO_WHERE_DIR'];
const startedAt = Date.now();

afterAll(() => {
  if (!dir) return;
  const testPath = expect.getState().testPath ?? 'unknown';
  const record = { testPath, workerId: mesh.workerId, port: mesh.port, pid: process.pid, startedAt };
  const name = createHash('sha1').update(testPath).digest('hex').slice(0, 16);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(record));
});
