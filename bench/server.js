'use strict';
// Server bench (issue 2): cold start to the first create, reset, HTTP latency by table size, RSS.
// Runs against dist/ (build first). Prints markdown to stdout, progress to stderr.
const { execFile } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { percentile, median, timeEach, memory } = require('./lib/stats');
const { table, parseBenchArgs, progress } = require('./lib/report');
const { meshHttp } = require('./lib/mesh-http');

const dist = path.join(__dirname, '..', 'dist', 'src');
const { startMeshServer, tenantCatalogueFor } = require(path.join(dist, 'index.js'));

// Measured on this machine against the real service (issue 2), and the targets.
const REAL = { firstCreateMs: 4500, createP50Ms: 10.3, getP50Ms: 6.2, rssMiB: 388 };
const TARGET = { firstCreateMs: 400, createP50Ms: 2, getP50Ms: 1 };

const FULL = { spawns: 5, levels: [100, 1000, 10000], creates: 200, gets: 1000, lists: 200, resets: 1000, resetRows: [100, 10000], users: 20, warmUp: 300 };
const QUICK = { spawns: 3, levels: [100, 1000], creates: 50, gets: 200, lists: 50, resets: 200, resetRows: [100, 1000], users: 20, warmUp: 100 };
// Creates are measured in bursts that are deleted again, so the table stays within this many rows of its level.
const CREATE_BURST = 20;

function spawnColdStart() {
  const script = path.join(__dirname, 'server-first-create.js');
  const spawnedAt = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`cold-start child failed: ${error.message}\n${stderr}`));
      resolve({ ...JSON.parse(stdout), observedMs: performance.now() - spawnedAt });
    });
  });
}

async function coldStart(spawns) {
  const runs = [];
  for (let i = 0; i < spawns; i += 1) runs.push(await spawnColdStart());
  const med = (key) => median(runs.map((run) => run[key]));
  return {
    nodeBootMs: med('nodeBootMs'), requireMs: med('requireMs'), startMs: med('startMs'),
    firstRequestMs: med('firstRequestMs'), totalMs: med('totalMs'), observedMs: med('observedMs'),
  };
}

function summary(samples) {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** One tenant with the catalogue registered and a few users whose notes fill the table. */
async function notesFixture(http, userCount) {
  const tenant = randomUUID();
  for (const definition of tenantCatalogueFor(tenant)) await http.registerDefinition(tenant, definition);
  const users = Array.from({ length: userCount }, () => randomUUID());
  const ids = [];
  let serial = 0;
  const newNote = () => {
    serial += 1;
    return {
      userId: users[serial % users.length], tenantId: tenant, mode: serial % 2 ? 'work' : 'personal',
      title: `Meeting notes ${serial}`, normalizedTitle: `meeting notes ${serial}`,
      content: `Agenda item ${serial}: decide the roadmap, owners and dates.`,
    };
  };
  return { tenant, users, ids, newNote };
}

/** Untimed rounds of every measured request, deleted again, so the first level is not measured cold (JIT). */
async function warmUp(http, fixture, rounds) {
  for (let i = 0; i < rounds; i += 1) {
    const { _id } = await http.create('Notes', fixture.tenant, fixture.newNote());
    await http.get('Notes', fixture.tenant, _id);
    await http.list('Notes', fixture.tenant, userWhere(fixture.tenant, pick(fixture.users, i)), 25);
    await http.remove('Notes', fixture.tenant, _id);
  }
}

async function fillTo(http, fixture, rows) {
  while (fixture.ids.length < rows) {
    const note = await http.create('Notes', fixture.tenant, fixture.newNote());
    fixture.ids.push(note._id);
  }
}

async function measureCreates(http, fixture, count) {
  const samples = [];
  while (samples.length < count) {
    const burst = [];
    samples.push(...await timeEach(Math.min(CREATE_BURST, count - samples.length), async () => {
      burst.push((await http.create('Notes', fixture.tenant, fixture.newNote()))._id);
    }));
    for (const id of burst) await http.remove('Notes', fixture.tenant, id);
  }
  return samples;
}

const pick = (array, i) => array[(i * 7919) % array.length];

/** The bot's "list a user's notes" query: tenant via the indexer, owner via parent_id. */
function userWhere(tenant, user) {
  return { AND: [{ indexer: { path: 'tenantId', equals: tenant } }, { parent_id: { eq: user } }] };
}

async function latencyAtLevel(http, fixture, rows, sizes) {
  await fillTo(http, fixture, rows);
  progress(`latency at ${rows} rows`);
  const create = await measureCreates(http, fixture, sizes.creates);
  const get = await timeEach(sizes.gets, (i) => http.get('Notes', fixture.tenant, pick(fixture.ids, i)));
  let listed = 0;
  const list = await timeEach(sizes.lists, async (i) => {
    listed = (await http.list('Notes', fixture.tenant, userWhere(fixture.tenant, pick(fixture.users, i)), 25)).length;
  });
  return { rows, create: summary(create), get: summary(get), list: summary(list), listItems: listed };
}

async function publicReset(server, http, count) {
  const fromFull = await timeEach(1, () => server.resetDatabase());
  const samples = [];
  for (let i = 0; i < count; i += 1) {
    await http.create('User', 'any', { tenantId: randomUUID(), email: `u${i}@example.com`, name: 'U' });
    samples.push(...await timeEach(1, () => server.resetDatabase()));
  }
  return { fromFullMs: fromFull[0], afterOneWrite: summary(samples) };
}

/**
 * resetDatabase() always returns to the built-in baseline, so "reset with N rows in the database" is
 * measured on the same parts it is made of (pg-mem backup/restore + cache clear) with N rows in the
 * baseline, one write between restores so each restore has something to undo.
 */
async function resetWithRows(rows, count) {
  const { openMeshDatabase } = require(path.join(dist, 'db', 'database.js'));
  const { ContentService } = require(path.join(dist, 'content', 'service.js'));
  const { builtInDefinitionRows } = require(path.join(dist, 'content', 'built-ins.js'));
  const database = await openMeshDatabase({ url: 'pg-mem', key: 'bench', startRows: builtInDefinitionRows('real') });
  const content = await ContentService.create(database, { strict: false, definitions: [] });
  const user = (i) => ({ tenantId: randomUUID(), email: `u${i}@example.com`, name: `User ${i}` });
  for (let i = 0; i < rows; i += 1) await content.create('User', user(i), 'any');
  database.takeBaseline();
  const samples = [];
  for (let i = 0; i < count; i += 1) {
    await content.create('User', user(-i), 'any');
    samples.push(...await timeEach(1, () => { database.restoreBaseline(); content.clearCaches(); }));
  }
  const [{ count: left }] = await database.query('SELECT count(*)::int AS count FROM notion_blocks WHERE type = $1', ['User']);
  await database.close();
  if (Number(left) !== rows) throw new Error(`reset bench: expected ${rows} User rows after restore, found ${left}`);
  return summary(samples);
}

async function serverPhase(sizes) {
  const server = await startMeshServer();
  const memoryAfterStart = memory();
  const http = meshHttp(server);
  const fixture = await notesFixture(http, sizes.users);
  progress(`warm-up: ${sizes.warmUp} rounds of create, get, list, delete`);
  await warmUp(http, fixture, sizes.warmUp);
  const levels = [];
  for (const rows of sizes.levels) levels.push(await latencyAtLevel(http, fixture, rows, sizes));
  const memoryAfterFill = memory();
  progress('reset through resetDatabase()');
  const reset = await publicReset(server, http, sizes.resets);
  await server.close();
  return { levels, reset, rows: fixture.ids.length, memoryAfterStart, memoryAfterFill };
}

function printResults(cold, phase, resetRows, sizes) {
  const out = [];
  out.push(`### Cold start: process start → first successful create (median of ${sizes.spawns} fresh \`node\` processes)`, '');
  out.push(table(['phase', 'ms'], [
    ['node boot (process start → script runs)', cold.nodeBootMs],
    ['require(dist/src)', cold.requireMs],
    ['startMeshServer()', cold.startMs],
    ['first POST /api/content/User (200)', cold.firstRequestMs],
    ['**total, process start → first create**', cold.totalMs],
    ['as the parent sees it (spawn → result line)', cold.observedMs],
  ]), '');
  out.push('### Reset', '');
  out.push(table(['reset', 'calls', 'p50 ms', 'p95 ms'], [
    ['resetDatabase(), one write before each', phase.reset.afterOneWrite.n, phase.reset.afterOneWrite.p50, phase.reset.afterOneWrite.p95],
    ...resetRows.map((r) => [`restore + cache clear, ${r.rows.toLocaleString('en')} rows in the database`, r.n, r.p50, r.p95]),
    [`resetDatabase() from ${phase.rows.toLocaleString('en')} Notes rows (single call)`, 1, phase.reset.fromFullMs, '–'],
  ]), '');
  out.push(`### HTTP latency (fetch, keep-alive, one request at a time, after ${sizes.warmUp} untimed warm-up rounds)`, '');
  const rows = [];
  for (const level of phase.levels) {
    const at = level.rows.toLocaleString('en');
    rows.push([`create Notes`, at, level.create.n, level.create.p50, level.create.p95]);
    rows.push([`get by id`, at, level.get.n, level.get.p50, level.get.p95]);
    rows.push([`list (tenant + owner where, limit 25; ${level.listItems} items)`, at, level.list.n, level.list.p50, level.list.p95]);
  }
  out.push(table(['operation', 'rows in table', 'n', 'p50 ms', 'p95 ms'], rows), '');
  out.push('### Memory (RSS of the process hosting the server and the bench client)', '');
  const memoryRow = (when, m) => [when, m.rss, m.rssAfterGc, m.heapAfterGc];
  out.push(table(['when', 'RSS MiB', 'RSS after full GC', 'JS heap used after GC'], [
    memoryRow('after startMeshServer()', phase.memoryAfterStart),
    memoryRow(`after ${phase.rows.toLocaleString('en')} creates`, phase.memoryAfterFill),
  ]), '');
  out.push(comparison(cold, phase), '');
  process.stdout.write(`${out.join('\n')}\n`);
}

function comparison(cold, phase) {
  const at1000 = phase.levels.find((level) => level.rows === 1000);
  const ours = { first: cold.totalMs, create: at1000.create.p50, get: at1000.get.p50, rss: phase.memoryAfterFill.rss };
  const row = (name, real, target, value, unit) => [
    name, `${real} ${unit}`, target === undefined ? 'small fraction' : `≤ ${target} ${unit}`,
    `${value.toFixed(value < 10 ? 2 : 0)} ${unit}`, `${(value / real).toFixed(2)}`, target === undefined ? '–' : value <= target ? 'yes' : '**no**',
  ];
  return [
    '### Versus the real service (its figures measured on this machine, issue 2)', '',
    table(['measure', 'real service', 'target', 'ours (this run)', 'ours / real', 'target met'], [
      row('process start → first create', REAL.firstCreateMs, TARGET.firstCreateMs, ours.first, 'ms'),
      row('create p50 (1,000 rows)', REAL.createP50Ms, TARGET.createP50Ms, ours.create, 'ms'),
      row('get p50 (1,000 rows)', REAL.getP50Ms, TARGET.getP50Ms, ours.get, 'ms'),
      row(`RSS (after ${phase.rows.toLocaleString('en')} creates)`, REAL.rssMiB, undefined, ours.rss, 'MiB'),
    ]),
  ].join('\n');
}

async function main() {
  const flags = parseBenchArgs(process.argv.slice(2), 'bench/server.js');
  const sizes = flags.quick ? QUICK : FULL;
  progress(`cold start × ${sizes.spawns}`);
  const cold = await coldStart(sizes.spawns);
  const phase = await serverPhase(sizes);
  const resetRows = [];
  for (const rows of sizes.resetRows) {
    progress(`reset with ${rows} rows`);
    resetRows.push({ rows, ...await resetWithRows(rows, sizes.resets) });
  }
  process.stdout.write(`## Server (${flags.quick ? 'quick' : 'full'} run)\n\n`);
  printResults(cold, phase, resetRows, sizes);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
