'use strict';
// Filter cost bench (issue 8): how one list request's time grows with the `in` list size, the number
// of LIKE wildcards and the number of rows. Each filter should cost about linear in rows × list (or
// pattern) size; before issue 8, `in` was quadratic and LIKE backtracked exponentially.
// Runs against dist/ (build first). Prints markdown to stdout, progress to stderr.
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { median, timeEach } = require('./lib/stats');
const { table, parseBenchArgs, progress } = require('./lib/report');

const dist = path.join(__dirname, '..', 'dist', 'src');
const { startMeshServer } = require(path.join(dist, 'index.js'));

const FULL = { rows: [1000, 3000, 10000], lists: [100, 1000, 10000], wildcards: [1, 2, 3, 4, 5, 6, 7, 8], repeats: 5 };
const QUICK = { rows: [1000, 3000], lists: [100, 1000], wildcards: [1, 4, 8], repeats: 3 };
const TYPE = 'FilterBench';
// 200 characters with no "b": a pattern looking for "b" between wildcards fails only after trying
// every placement, which is what made pg-mem's backtracking RegExp explode (16 s for one row).
const TITLE = 'a'.repeat(200);
// k wildcards; from 2 on the pattern ends in "%", so the row must be scanned for "b", not just its end checked.
const likePattern = (wildcards) => (wildcards === 1 ? '%b' : `${'%a'.repeat(wildcards - 2)}%b%`);
const BATCH = 500;

async function main() {
  const flags = parseBenchArgs(process.argv.slice(2), 'bench/filter-cost.js');
  const sizes = flags.quick ? QUICK : FULL;
  const server = await startMeshServer({});
  const headers = { 'content-type': 'application/json', 'x-mesh-secret': server.secrets.mesh };
  const post = async (pathname, body) => {
    const response = await fetch(server.url + pathname, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok || json.errors) throw new Error(`${pathname} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const get = async (pathname) => {
    const response = await fetch(server.url + pathname, { headers });
    if (!response.ok) throw new Error(`${pathname.slice(0, 80)} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return response.json();
  };
  const inList = (ids) => post('/graphql', {
    query: 'query($ids: [String!]) { notionModel(where: { page_id: { in: $ids } }, limit: 1) { id } }',
    variables: { ids },
  });
  const likeList = (pattern) => get(`/api/content/${TYPE}?limit=1&where=${encodeURIComponent(JSON.stringify({ 'content.title': { like: pattern } }))}`);

  const inRows = [];
  const likeRows = [];
  let stored = 0;
  try {
    for (const rows of sizes.rows) {
      progress(`filling to ${rows} rows`);
      while (stored < rows) {
        const count = Math.min(BATCH, rows - stored);
        const inputs = Array.from({ length: count }, () => ({ type: TYPE, content: { title: TITLE } }));
        await post('/graphql', { query: 'mutation($inputs: [NotionModelInput!]!) { bulkCreateNotionModel(inputs: $inputs) { id } }', variables: { inputs } });
        stored += count;
      }
      for (const size of sizes.lists) {
        progress(`in-list of ${size} values over ${rows} rows`);
        const ids = Array.from({ length: size }, () => randomUUID());
        await inList(ids);
        const ms = median(await timeEach(sizes.repeats, () => inList(ids)));
        inRows.push([rows, size, ms, (ms * 1e6) / (rows + size)]);
      }
      for (const wildcards of sizes.wildcards) {
        progress(`LIKE with ${wildcards} wildcards over ${rows} rows`);
        const pattern = likePattern(wildcards);
        await likeList(pattern);
        const ms = median(await timeEach(sizes.repeats, () => likeList(pattern)));
        likeRows.push([rows, wildcards, `\`${pattern}\``, ms, (ms * 1e6) / (rows * TITLE.length * wildcards)]);
      }
    }
  } finally {
    await server.close();
  }
  process.stdout.write([
    `## Filter cost (${flags.quick ? 'quick' : 'full'} run)`, '',
    `One list request, median of ${sizes.repeats}, after one untimed run. Rows are ${TYPE} records created through GraphQL.`, '',
    '### `in` list (GraphQL `page_id: { in: [...] }`, no value matches)', '',
    table(['rows', 'values', 'median ms', 'ns per (row + value)'], inRows), '',
    `### LIKE (REST \`content.title: { like }\` over a ${TITLE.length}-character title that never matches)`, '',
    table(['rows', 'wildcards', 'pattern', 'median ms', 'ns per (row × char × wildcard)'], likeRows), '',
  ].join('\n'));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
