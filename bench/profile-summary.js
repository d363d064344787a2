'use strict';
// Summarises a V8 .cpuprofile (node --cpu-prof --cpu-prof-dir=DIR ..., or node:inspector's Profiler):
// self time by package, by file and by function. Usage: node bench/profile-summary.js FILE.cpuprofile [top]
const fs = require('fs');
const prof = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] || 25);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas; let total = 0;
for (let i = 0; i < prof.samples.length; i++) { const id = prof.samples[i]; self.set(id, (self.get(id) || 0) + (dt[i] || 0)); total += dt[i] || 0; }
const fn = new Map(), file = new Map(), pkg = new Map();
for (const [id, t] of self) {
  const n = byId.get(id); const cf = n.callFrame;
  const url = cf.url.replace(/^file:\/\//, '');
  const k = `${cf.functionName || '(anon)'} ${url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
  fn.set(k, (fn.get(k) || 0) + t);
  file.set(url || cf.functionName, (file.get(url || cf.functionName) || 0) + t);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const p = m ? m[1] : url.includes('/dist/') ? 'OURS' : url.startsWith('node:') ? 'node-internal' : (url || cf.functionName);
  pkg.set(p, (pkg.get(p) || 0) + t);
}
const show = (title, m, n) => { console.log(`\n== ${title} (total ${(total / 1000).toFixed(0)} ms)`); [...m].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, t]) => console.log(`${(t / 1000).toFixed(1).padStart(8)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${k}`)); };
show('by package', pkg, 20); show('by file', file, top); show('by function', fn, top);
