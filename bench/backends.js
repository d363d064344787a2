'use strict';
// Backends side by side (issue 9): pg-mem and PostgreSQL measured in one run, against dist/ (build
// first). PostgreSQL is the server MESH_BENCH_DATABASE or MESH_TEST_DATABASE names (an admin URL,
// e.g. from `scripts/postgres.sh start`); without one, only pg-mem is measured and the table says so.
// Then the reset strategies on PostgreSQL, which decided how restoreBaseline() works.
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { median, timeEach } = require('./lib/stats');
const { table, parseBenchArgs, progress } = require('./lib/report');
const { meshHttp } = require('./lib/mesh-http');

const dist = path.join(__dirname, '..', 'dist', 'src');
const { startMeshServer } = require(path.join(dist, 'index.js'));

const FULL = { levels: [1000, 10000], creates: 100, gets: 300, lists: 50, resets: 50, fileRows: 20, strategyRounds: 20 };
const QUICK = { levels: [1000], creates: 30, gets: 100, lists: 20, resets: 15, fileRows: 20, strategyRounds: 5 };

const user = (i) => ({ email: `user${i}@example.com`, name: `User ${i}`, title: `title ${i % 50}` });

async function fill(http, from, to) {
  const ids = [];
  const workers = 8;
  let next = from;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < to) {
      const i = next++;
      ids.push((await http.create('User', '', user(i)))._id);
    }
  }));
  return ids;
}

async function measureBackend(name, database, config) {
  const row = { backend: name };
  // A fresh run id: the first server of a run makes the template, as a run's first test file does.
  process.env.MESH_RUN_ID = `bench${randomUUID().slice(0, 8)}`;
  let started = performance.now();
  const server = await startMeshServer({ database });
  row.firstStart = performance.now() - started;
  started = performance.now();
  const second = await startMeshServer({ database });
  row.laterStart = performance.now() - started;
  await second.close();
  const http = meshHttp(server);
  try {
    const fileResets = [];
    for (let i = 0; i < config.resets; i += 1) {
      await fill(http, 0, config.fileRows);
      const start = performance.now();
      await server.resetDatabase();
      server.clearRequestLog();
      fileResets.push(performance.now() - start);
    }
    row.perFileReset = median(fileResets);
    let rows = 0;
    for (const level of config.levels) {
      progress(`${name}: filling to ${level} rows`);
      const ids = await fill(http, rows, level);
      rows = level;
      const created = [];
      row[`create${level}`] = median(await timeEach(config.creates, async (i) => {
        created.push((await http.create('User', '', user(level + i)))._id);
      }));
      for (const id of created) await http.remove('User', '', id);
      row[`get${level}`] = median(await timeEach(config.gets, (i) => http.get('User', '', ids[(i * 7919) % ids.length])));
      row[`list${level}`] = median(await timeEach(config.lists, (i) => http.list('User', '', { 'content.title': { eq: `title ${i % 50}` } }, 20)));
    }
    const start = performance.now();
    await server.resetDatabase();
    row.resetLarge = performance.now() - start;
  } finally {
    await server.close();
  }
  return row;
}

/** The candidates for restoreBaseline(), each on its own database cloned from the bench's template. */
async function resetStrategies(adminUrl, config) {
  const { Client } = require('pg');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  process.env.MESH_RUN_ID = `benchreset${randomUUID().slice(0, 6)}`;
  const server = await startMeshServer({ database: adminUrl });
  const { rows: [found] } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname LIKE '%\\_w%' ORDER BY oid DESC LIMIT 1", [`mesh_${process.env.MESH_RUN_ID}%`]);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${found.datname}`;
  // The template's name ends in its start rows' key (src/db/postgres/names.ts): found, not built.
  const prefix = found.datname.replace(/_w\d+(_\d+)?$/, '');
  const { rows: [{ datname: template }] } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE $1 LIMIT 1", [`${prefix.replace(/_/g, '\\_')}\\_tpl%`]);
  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const { rows: [{ max }] } = await db.query('SELECT max(id) AS max FROM notion_blocks');
  const write = (count) => db.query(`INSERT INTO notion_blocks (block_id, page_id, type, content, indexer, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), gen_random_uuid(), 'User', jsonb_build_object('n', g), '{}', now(), now() FROM generate_series(1, $1) g`, [count]);
  const strategies = {
    'DELETE all + INSERT baseline copy + setval (chosen)': () => db.query(`BEGIN; DELETE FROM notion_blocks;
      INSERT INTO notion_blocks SELECT * FROM mesh_baseline_rows;
      SELECT setval('notion_blocks_id_seq', last_value, is_called) FROM mesh_baseline_sequence; COMMIT;`),
    'TRUNCATE + INSERT baseline copy + setval': () => db.query(`BEGIN; TRUNCATE notion_blocks;
      INSERT INTO notion_blocks SELECT * FROM mesh_baseline_rows;
      SELECT setval('notion_blocks_id_seq', last_value, is_called) FROM mesh_baseline_sequence; COMMIT;`),
    // Wrong when a test changed or deleted a baseline row (a definition): a lower bound, not a candidate.
    'DELETE non-baseline rows + setval (incorrect if baseline rows changed)': () => db.query(`BEGIN; DELETE FROM notion_blocks WHERE id > ${Number(max)};
      SELECT setval('notion_blocks_id_seq', last_value, is_called) FROM mesh_baseline_sequence; COMMIT;`),
    're-clone: DROP DATABASE + CREATE DATABASE TEMPLATE (no reseed counted)': async () => {
      await admin.query(`CREATE DATABASE "${found.datname}_clone" TEMPLATE "${template}"`);
      await admin.query(`DROP DATABASE "${found.datname}_clone" WITH (FORCE)`);
    },
  };
  const rows = [];
  for (const [label, reset] of Object.entries(strategies)) {
    const cells = [label];
    for (const written of [config.fileRows, 1000]) {
      const times = [];
      for (let i = 0; i < config.strategyRounds; i += 1) {
        await write(written);
        const start = performance.now();
        await reset();
        times.push(performance.now() - start);
      }
      await strategies['DELETE all + INSERT baseline copy + setval (chosen)']();
      cells.push(median(times));
    }
    rows.push(cells);
  }
  await db.end();
  await admin.end();
  await server.close();
  return rows;
}

async function main() {
  const config = parseBenchArgs(process.argv.slice(2), 'bench/backends.js').quick ? QUICK : FULL;
  const url = process.env.MESH_BENCH_DATABASE || process.env.MESH_TEST_DATABASE;
  const results = [await measureBackend('pg-mem', 'pg-mem', config)];
  if (url) results.push(await measureBackend('PostgreSQL', url, config));
  const headers = ['backend', 'first server of a run (ms)', 'later server (ms)', `per-file reset, ${config.fileRows} rows written (ms)`];
  for (const level of config.levels) headers.push(`create p50 @${level} (ms)`, `get p50 @${level} (ms)`, `list p50 @${level} (ms)`);
  headers.push(`reset after ${config.levels.at(-1)} rows (ms)`);
  const rows = results.map((r) => [r.backend, r.firstStart, r.laterStart, r.perFileReset,
    ...config.levels.flatMap((level) => [r[`create${level}`], r[`get${level}`], r[`list${level}`]]), r.resetLarge]);
  process.stdout.write(`## Backends (bench/backends.js)\n\n${table(headers, rows)}\n\n`);
  if (!url) {
    process.stdout.write('PostgreSQL not measured: set MESH_BENCH_DATABASE (or MESH_TEST_DATABASE) to an admin URL.\n\n');
    return;
  }
  progress('reset strategies on PostgreSQL');
  const strategies = await resetStrategies(url, config);
  process.stdout.write(`### Reset strategies on PostgreSQL (median of ${config.strategyRounds})\n\n`
    + `${table(['strategy', `after ${config.fileRows} rows (ms)`, 'after 1,000 rows (ms)'], strategies)}\n\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
