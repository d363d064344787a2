#!/usr/bin/env node
// Time from spawning `mesh-test-server` to its ready line, and to the first successful create,
// with Node's compile cache (the CLI turns it on; Node >= 22.8) and without it, beside a fresh node
// running a bare node:http server (same run, interleaved) and the real service's start-up measured
// on the same machine.
// Usage: npm run build && node bench/cli-startup.js [runs=10] [--quick: 3 runs]
'use strict';

const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');

const CLI = resolve(__dirname, '../dist/src/cli.js');
const positional = process.argv.slice(2).filter((arg) => arg !== '--quick');
const RUNS = process.argv.includes('--quick') ? 3 : Number(positional[0] ?? 10);
const TENANT = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const USER = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';
const HEADERS = { 'content-type': 'application/json', 'x-mesh-secret': 'test-mesh-secret' };
// Measured on this machine: the real service started as the bot's suite starts it, until GET /health answers.
const REFERENCE = [
  ['real service via npx ts-node (to /health)', 4400],
  ['real service via tsx (to /health)', 1000],
];

// The floor: a fresh node whose bare node:http server prints a ready line like the CLI's and answers
// every POST with 200.
const BARE_SERVER = `const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.end('{}')); });
s.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ apiUrl: 'http://127.0.0.1:' + s.address().port + '/api' }) + '\\n'));`;

const VARIANTS = [
  { label: 'mesh-test-server', args: [CLI, '--port', '0'], env: {} },
  { label: 'mesh-test-server, compile cache off', args: [CLI, '--port', '0'], env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
  { label: 'reference: fresh node, bare node:http server', args: ['-e', BARE_SERVER], env: {} },
];

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`runs must be a positive integer, got ${positional[0]}`);
  const notes = require('../dist/src/definitions').tenantCatalogueFor(TENANT)[0];
  // One unmeasured start fills the compile cache, as any earlier start on this machine would have.
  await measureOnce(notes, VARIANTS[0]);
  const samples = VARIANTS.map(() => []);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [v, variant] of VARIANTS.entries()) samples[v].push(await measureOnce(notes, variant));
  }
  printTable(samples);
}

async function measureOnce(notesDefinition, variant) {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(process.execPath, variant.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...variant.env } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  try {
    const ready = await readyLine(child, () => stderr);
    const readyMs = elapsed();
    await call(`${ready.apiUrl}/definition?tenant=${TENANT}`, { definition: notesDefinition });
    await call(`${ready.apiUrl}/content/Notes?tenant=${TENANT}`, {
      content: { userId: USER, tenantId: TENANT, title: 'bench', mode: 'work' },
    });
    return { readyMs, createMs: elapsed() };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done()));
  }
}

function readyLine(child, stderr) {
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) done(JSON.parse(out.slice(0, out.indexOf('\n'))));
    });
    child.once('exit', (code) => fail(new Error(`mesh-test-server exited with ${code} before its ready line: ${stderr()}`)));
  });
}

async function call(url, body) {
  const response = await fetch(url, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`POST ${url} -> ${response.status}: ${await response.text()}`);
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const p50 = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { p50, min: sorted[0], max: sorted[sorted.length - 1] };
}

function printTable(samplesByVariant) {
  const ms = (v) => `${Math.round(v)} ms`.padStart(9);
  const row = (label, s) => `| ${label.padEnd(69)} | ${ms(s.p50)} | ${ms(s.min)} | ${ms(s.max)} |`;
  const reference = (label, v) => `| ${label.padEnd(69)} | ${ms(v)} | ${'-'.padStart(9)} | ${'-'.padStart(9)} |`;
  const cache = typeof require('node:module').enableCompileCache === 'function' ? 'this Node has a compile cache' : 'this Node has no compile cache (it came in 22.8): the first two pairs of rows run the same code';
  console.log(`mesh-test-server start-up, ${RUNS} runs of each row interleaved, node ${process.version} (${cache})`);
  console.log(`| ${'measure'.padEnd(69)} | ${'p50'.padStart(9)} | ${'min'.padStart(9)} | ${'max'.padStart(9)} |`);
  console.log(`|${'-'.repeat(71)}|${'-'.repeat(11)}|${'-'.repeat(11)}|${'-'.repeat(11)}|`);
  for (const [v, variant] of VARIANTS.entries()) {
    console.log(row(`${variant.label}: spawn -> ready line`, stats(samplesByVariant[v].map((s) => s.readyMs))));
    console.log(row(`${variant.label}: spawn -> first create`, stats(samplesByVariant[v].map((s) => s.createMs))));
  }
  for (const [label, value] of REFERENCE) console.log(reference(label, value));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
