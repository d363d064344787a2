'use strict';
// The emulator's own memory: the server runs alone in a `mesh-test-server` process, requests come
// from this one, and the server's RSS is read from /proc (Linux). bench/server.js measures the
// server and its client in one process, which counts the client too.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { table, parseBenchArgs, progress } = require('./lib/report');
const { tenantCatalogueFor } = require('../dist/src/definitions');

const REAL_SERVICE_RSS_MIB = 388;
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

function startServer() {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'src', 'cli.js'), '--port', '0'], { stdio: ['pipe', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (line) => resolve({ child, ...JSON.parse(String(line)) }));
  });
}

async function main() {
  const { quick } = parseBenchArgs(process.argv.slice(2), 'bench/server-memory.js');
  const rows = quick ? 2000 : 10000;
  const server = await startServer();
  try {
    const headers = { 'content-type': 'application/json', 'x-mesh-secret': 'test-mesh-secret' };
    const post = (route, body) => fetch(`${server.url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.arrayBuffer());
    const afterStart = rssMiB(server.pid);
    const tenant = crypto.randomUUID();
    for (const definition of tenantCatalogueFor(tenant)) await post(`/api/definition?tenant=${tenant}`, { definition });
    progress(`${rows} creates into a server in its own process`);
    for (let i = 0; i < rows; i += 1) {
      await post(`/api/content/Notes?tenant=${tenant}`, { content: { title: `note ${i}`, mode: 'work', tenantId: tenant, content: 'a note of about a hundred characters, as the bot writes them. '.repeat(2) } });
    }
    const afterRows = rssMiB(server.pid);
    process.stdout.write(`## Server memory, alone in its process (${quick ? 'quick' : 'full'} run)\n\n${table(['when', 'server RSS MiB', 'real service RSS MiB', 'ours / real'], [
      ['after start', afterStart.toFixed(0), '', ''],
      [`after ${rows.toLocaleString('en')} creates`, afterRows.toFixed(0), String(REAL_SERVICE_RSS_MIB), (afterRows / REAL_SERVICE_RSS_MIB).toFixed(2)],
    ])}\n\n`);
  } finally {
    server.child.kill('SIGTERM');
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
