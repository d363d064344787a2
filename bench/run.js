'use strict';
// `npm run bench`: each bench script in its own child process, one after another, so one cannot warm
// or load another; their markdown goes to stdout in order. Extra arguments (--quick) pass through.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SCRIPTS = ['limits.js', 'server.js', 'server-memory.js', 'environment.js', 'cli-startup.js', 'filter-cost.js', 'backends.js', 'vitest.js'];

function main() {
  const args = process.argv.slice(2);
  const present = SCRIPTS.filter((script) => fs.existsSync(path.join(__dirname, script)));
  process.stdout.write(`# jest-environment-mesh benchmarks\n\n${new Date().toISOString()} · Node ${process.version} · `
    + `${os.cpus().length} cores · ${os.platform()} ${os.arch()} · load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n\n`);
  let failed = 0;
  for (const script of present) {
    process.stderr.write(`bench/${script} ${args.join(' ')}\n`);
    const result = spawnSync(process.execPath, [path.join(__dirname, script), ...args], { stdio: 'inherit' });
    if (result.status !== 0) {
      failed += 1;
      process.stdout.write(`\n**bench/${script} failed** (exit ${result.status ?? result.signal}); see stderr.\n\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main();
