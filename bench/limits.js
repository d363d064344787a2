'use strict';
// The limits table (issue 11): every row of the table in one run, each next to the reference
// that shows how close to the machine's limit it is. Latencies are multiples of a bare node:http
// server answering the same stored JSON item, fetched by the same client in the same run, one
// reference request right before each measured one, so the machine's load falls on both alike.
// Runs against dist/ (build first). Prints markdown to stdout, progress to stderr.
const { execFile, spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./lib/stats');
const { table, parseBenchArgs, progress } = require('./lib/report');
const { meshHttp } = require('./lib/mesh-http');
const { createJestProject, TRIVIAL_TEST, REALISTIC_TEST } = require('./lib/jest-project');

const dist = path.join(__dirname, '..', 'dist', 'src');
const FULL = { spawns: 7, samples: 1000, lists: 300, memoryRows: 10000, suiteRepeats: 5, files: 40 };
const QUICK = { spawns: 3, samples: 200, lists: 60, memoryRows: 2000, suiteRepeats: 1, files: 40 };
const TARGET = { firstCreateMs: 200, get: 1.5, create: 2, list1k: 2.5, list10k: 5, rssStart: 70, rssFilled: 150, suite: 1.3 };

const runNode = (args) => new Promise((resolve, reject) => {
  execFile(process.execPath, args, { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
});

// The floor under "process start → first create": a fresh node with a bare node:http server, and
// its first fetch POST to it (undici loads on the first fetch), printed as performance.now().
const BARE_FIRST_POST = `const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.end('{}')); });
s.listen(0, '127.0.0.1', async () => {
  await (await fetch('http://127.0.0.1:' + s.address().port + '/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).text();
  process.stdout.write(String(performance.now()));
  s.close();
});`;

/** Process start → first create, and a bare server's first POST from a fresh node (the floor), interleaved. */
async function coldStart(spawns) {
  const runs = [];
  const boots = [];
  for (let i = 0; i < spawns; i += 1) {
    runs.push(JSON.parse(await runNode([path.join(__dirname, 'server-first-create.js')])));
    boots.push(Number(await runNode(['-e', BARE_FIRST_POST])));
  }
  const med = (key) => median(runs.map((run) => run[key]));
  return { nodeOnlyMs: median(boots), nodeBootMs: med('nodeBootMs'), requireMs: med('requireMs'), startMs: med('startMs'), firstRequestMs: med('firstRequestMs'), totalMs: med('totalMs') };
}

/** A bare node:http server answering one stored JSON item: the floor every latency is a multiple of. */
async function bareServer(body) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/api/content/Notes/`;
  return { get: (id) => fetch(url + id).then((r) => r.text()).then(JSON.parse), close: () => server.close() };
}

/** Each sample: one floor request, then the measured one; returns both p50s and the median ratio. */
async function paired(count, floor, measured) {
  const floorMs = [];
  const ms = [];
  for (let i = 0; i < count; i += 1) {
    let start = performance.now();
    await floor(i);
    floorMs.push(performance.now() - start);
    start = performance.now();
    await measured(i);
    ms.push(performance.now() - start);
  }
  return { floor: median(floorMs), p50: median(ms), ratio: median(ms) / median(floorMs) };
}

/**
 * pg-mem alone: the get's statement by an indexed column, text reused vs a fresh id per call; with
 * pg-mem as published, and as the emulator loads it (src/db/pg-mem/load.ts: structural hash).
 */
function pgMemAlone(samples) {
  const plain = timeIndexedSelect(require('pg-mem').newDb, samples);
  const emulators = timeIndexedSelect(require(path.join(dist, 'db', 'pg-mem', 'load.js')).pgMem.newDb, samples);
  return { plain, emulators };
}

function timeIndexedSelect(newDb, samples) {
  const db = newDb({ autoCreateForeignKeyIndices: false });
  db.public.none('CREATE TABLE t (id serial PRIMARY KEY, page_id uuid NOT NULL, type varchar(255) NOT NULL, content jsonb); CREATE INDEX ON t (page_id);');
  const ids = Array.from({ length: 1000 }, () => randomUUID());
  for (const id of ids) db.public.none(`INSERT INTO t (page_id, type, content) VALUES ('${id}', 'Notes', '{"title":"x"}')`);
  const time = (fn) => {
    const start = performance.now();
    for (let i = 0; i < samples; i += 1) fn(i);
    return (performance.now() - start) / samples;
  };
  const same = time(() => db.public.many(`SELECT * FROM t WHERE page_id = '${ids[0]}' AND type = 'Notes'`));
  const fresh = time((i) => db.public.many(`SELECT * FROM t WHERE page_id = '${ids[(i * 7919) % 1000]}' AND type = 'Notes'`));
  return { same, fresh };
}

async function latency(sizes) {
  const { startMeshServer, tenantCatalogueFor } = require(path.join(dist, 'index.js'));
  const server = await startMeshServer();
  const mesh = meshHttp(server);
  const tenant = randomUUID();
  for (const definition of tenantCatalogueFor(tenant)) await mesh.registerDefinition(tenant, definition);
  const users = Array.from({ length: 20 }, () => randomUUID());
  let serial = 0;
  const note = () => {
    serial += 1;
    return { userId: users[serial % users.length], tenantId: tenant, mode: 'work', title: `Meeting notes ${serial}`, content: `Agenda item ${serial}` };
  };
  const ids = [];
  const fill = async (rows) => { while (ids.length < rows) ids.push((await mesh.create('Notes', tenant, note()))._id); };
  const floor = await bareServer(JSON.stringify({ success: true, data: await mesh.create('Notes', tenant, note()) }));
  const pick = (i) => ids[(i * 7919) % ids.length];
  const list = (i) => mesh.list('Notes', tenant, { AND: [{ indexer: { path: 'tenantId', equals: tenant } }, { parent_id: { eq: users[i % users.length] } }] }, 25);
  progress('warm-up and 1,000 rows');
  await fill(1000);
  for (let i = 0; i < 200; i += 1) await Promise.all([floor.get(pick(i)), mesh.get('Notes', tenant, pick(i))].map((p) => p));
  progress('get, create, list at 1,000 rows');
  const get = await paired(sizes.samples, (i) => floor.get(pick(i)), (i) => mesh.get('Notes', tenant, pick(i)));
  const created = [];
  const create = await paired(sizes.samples, (i) => floor.get(pick(i)), async () => { created.push((await mesh.create('Notes', tenant, note()))._id); });
  for (const id of created) await mesh.remove('Notes', tenant, id);
  const list1k = await paired(sizes.lists, (i) => floor.get(pick(i)), list);
  progress('10,000 rows');
  await fill(10000);
  const list10k = await paired(sizes.lists, (i) => floor.get(pick(i)), list);
  floor.close();
  await server.close();
  return { get, create, list1k, list10k };
}

/** RSS of a mesh-test-server process alone, after start and after `rows` creates. */
async function serverMemory(rows) {
  const child = spawn(process.execPath, [path.join(dist, 'cli.js'), '--port', '0'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const { url } = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (line) => resolve(JSON.parse(String(line))));
  });
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
  try {
    const headers = { 'content-type': 'application/json', 'x-mesh-secret': 'test-mesh-secret' };
    const post = (route, body) => fetch(`${url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.arrayBuffer());
    const afterStart = rss();
    const tenant = randomUUID();
    const { tenantCatalogueFor } = require(path.join(dist, 'definitions'));
    for (const definition of tenantCatalogueFor(tenant)) await post(`/api/definition?tenant=${tenant}`, { definition });
    for (let i = 0; i < rows; i += 1) {
      await post(`/api/content/Notes?tenant=${tenant}`, { content: { title: `note ${i}`, mode: 'work', tenantId: tenant, content: 'a note of about a hundred characters, as the bot writes them. '.repeat(2) } });
    }
    return { afterStart, afterRows: rss() };
  } finally {
    child.kill('SIGTERM');
  }
}

/** The realistic suite in band vs trivial files on jest-environment-node, and 1 → 2 workers for both. */
async function suites(sizes) {
  const project = createJestProject();
  process.once('SIGINT', () => { project.remove(); process.exit(130); });
  try {
    const mesh = project.config('mesh', project.suite('realistic', sizes.files, REALISTIC_TEST));
    const node = project.config('node', project.suite('trivial', sizes.files, TRIVIAL_TEST));
    const variants = [[mesh, 1], [mesh, 2], [node, 1], [node, 2]];
    for (const [config, workers] of variants) await project.run(config, [`--maxWorkers=${workers}`]);
    const runs = variants.map(() => []);
    for (let r = 0; r < sizes.suiteRepeats; r += 1) {
      for (const [i, [config, workers]] of variants.entries()) runs[i].push((await project.run(config, [`--maxWorkers=${workers}`])).resultsMs);
    }
    const [meshOne, meshTwo, nodeOne, nodeTwo] = runs.map(median);
    return { meshOne, meshTwo, nodeOne, nodeTwo };
  } finally {
    project.remove();
  }
}

const verdict = (ok) => (ok ? 'met' : '**missed**');
const x = (value) => `${value.toFixed(2)}×`;
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

function print(cold, pgMem, lat, mem, suite, sizes, quick) {
  const floor = median([lat.get.floor, lat.create.floor, lat.list1k.floor, lat.list10k.floor]);
  const latencyRow = (label, m, target) => [label, `${ms(m.p50)} (floor ${ms(m.floor)})`, `${x(m.ratio)} the floor`, `≤ ${target}×`, verdict(m.ratio <= target)];
  const speedup = suite.meshOne / suite.meshTwo;
  const nodeSpeedup = suite.nodeOne / suite.nodeTwo;
  const rows = [
    ['process start → first successful create', `${ms(cold.totalMs)} (node boot ${ms(cold.nodeBootMs)}, require ${ms(cold.requireMs)}, start ${ms(cold.startMs)}, first request ${ms(cold.firstRequestMs)})`,
      `reference: fresh node, bare node:http server, first fetch POST: ${ms(cold.nodeOnlyMs)}`, `≤ ${TARGET.firstCreateMs} ms`, verdict(cold.totalMs <= TARGET.firstCreateMs)],
    ['reference: bare `node:http` server answering one stored JSON item, fetch p50', ms(floor), 'the floor', '—', ''],
    ['reference: pg-mem alone, one SELECT by an indexed column (same text / a fresh id per call)', `${ms(pgMem.plain.same)} / ${ms(pgMem.plain.fresh)}`,
      `as the emulator loads pg-mem (structural hash): ${ms(pgMem.emulators.same)} / ${ms(pgMem.emulators.fresh)}`, '—', ''],
    latencyRow('get by id p50, 1,000 rows', lat.get, TARGET.get),
    latencyRow('create p50, 1,000 rows', lat.create, TARGET.create),
    latencyRow('the bot\'s list (tenant + owner, limit 25) p50, 1,000 rows', lat.list1k, TARGET.list1k),
    latencyRow('the bot\'s list p50, 10,000 rows', lat.list10k, TARGET.list10k),
    ['RSS after start (server alone)', `${mem.afterStart.toFixed(0)} MiB`, '', `≤ ${TARGET.rssStart} MiB`, verdict(mem.afterStart <= TARGET.rssStart)],
    [`RSS after ${sizes.memoryRows.toLocaleString('en')} creates (server alone)`, `${mem.afterRows.toFixed(0)} MiB`, '',
      sizes.memoryRows === 10000 ? `≤ ${TARGET.rssFilled} MiB` : '(quick run: fewer rows)', sizes.memoryRows === 10000 ? verdict(mem.afterRows <= TARGET.rssFilled) : ''],
    [`${sizes.files}-file realistic suite in band ÷ ${sizes.files} trivial files on \`jest-environment-node\``, `${ms(suite.meshOne)} / ${ms(suite.nodeOne)}`,
      x(suite.meshOne / suite.nodeOne), `≤ ${TARGET.suite}×`, verdict(suite.meshOne / suite.nodeOne <= TARGET.suite)],
    ['1 → 2 workers speed-up, realistic suite', `${ms(suite.meshOne)} → ${ms(suite.meshTwo)}`, `${x(speedup)} (jest-environment-node, trivial files: ${x(nodeSpeedup)})`,
      '≥ jest-environment-node\'s', verdict(speedup >= nodeSpeedup)],
  ];
  process.stdout.write(`## Limits (issue 11; ${quick ? 'quick' : 'full'} run, load average at the start ${os.loadavg()[0].toFixed(2)})\n\n`
    + `${table(['measure', 'this run', 'against the reference', 'target', 'target'], rows)}\n\n`
    + `Cold start: median of ${sizes.spawns} fresh processes. Latencies: ${sizes.samples} samples (lists ${sizes.lists}), each right after one floor request; `
    + `"×" is the median measured over the median floor of the same run. Suites: median of ${sizes.suiteRepeats} interleaved runs, spawn → all results.\n\n`);
}

async function main() {
  const flags = parseBenchArgs(process.argv.slice(2), 'bench/limits.js');
  const sizes = flags.quick ? QUICK : FULL;
  progress(`cold start × ${sizes.spawns}`);
  const cold = await coldStart(sizes.spawns);
  progress('pg-mem alone');
  const pgMem = pgMemAlone(sizes.samples);
  const lat = await latency(sizes);
  progress(`server memory, ${sizes.memoryRows} creates`);
  const mem = await serverMemory(sizes.memoryRows);
  progress(`${sizes.files}-file suites, 1 and 2 workers`);
  const suite = await suites(sizes);
  print(cold, pgMem, lat, mem, suite, sizes, flags.quick);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
