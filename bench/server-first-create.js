'use strict';
// Child process of bench/server.js: one cold start, measured from process start (performance.now()
// counts from the process's time origin), printed as one JSON line. Spawned fresh so nothing is warm.
const { randomUUID } = require('node:crypto');

async function main() {
  const atScriptStart = performance.now();
  const { startMeshServer } = require('../dist/src/index.js');
  const afterRequire = performance.now();
  const server = await startMeshServer();
  const afterStart = performance.now();
  const response = await fetch(`${server.apiUrl}/content/User`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mesh-secret': server.secrets.mesh },
    body: JSON.stringify({ content: { tenantId: randomUUID(), email: 'ada@example.com', name: 'Ada' } }),
  });
  if (response.status !== 200) throw new Error(`first create answered ${response.status}: ${await response.text()}`);
  await response.json();
  const afterCreate = performance.now();
  await server.close();
  process.stdout.write(`${JSON.stringify({
    nodeBootMs: atScriptStart,
    requireMs: afterRequire - atScriptStart,
    startMs: afterStart - afterRequire,
    firstRequestMs: afterCreate - afterStart,
    totalMs: afterCreate,
  })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
