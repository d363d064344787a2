import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const serverEntry = join(__dirname, '..', '..', 'dist', 'src', 'index.js');

// The per-worker server must never hold a process open: Jest would warn "did not exit".
test('an unref\'d server lets its process exit right after its last request', () => {
  if (!existsSync(serverEntry)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const script = `
    const { startMeshServer } = require(${JSON.stringify(serverEntry)});
    startMeshServer().then(async (server) => {
      server.unref();
      const response = await fetch(server.url + '/api/content/User', { headers: { 'x-mesh-secret': server.secrets.mesh } });
      process.stdout.write(String(response.status));
    });`;
  // sequelize-pool's idle reaper held processes for 10 s; the 8 s timeout (a kill: signal set) catches any such hold.
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 8000 });
  expect(child.stdout).toBe('200');
  expect(child.signal).toBeNull();
});
