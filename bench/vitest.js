'use strict';
// Vitest bench (issue 10): first-file startup and per-file overhead of the mesh() plugin against a
// plain Vitest suite on the same files, in one run. Real `vitest run` processes (the repo's Vitest)
// on trivial files generated in os.tmpdir(), which is removed at the end. Needs `npm run build`.
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./lib/stats');
const { table, parseBenchArgs, progress } = require('./lib/report');

const FULL = { files: 40, repeats: 5 };
const QUICK = { files: 20, repeats: 2 };
const CONFIG = path.join(__dirname, 'lib/vitest-bench.config.mjs');
const VITEST = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const TRIVIAL_TEST = "test('adds', () => { expect(1 + 1).toBe(2); });\n";
const HANG_WARNING = /close timed out|hanging process|something prevents Vite server from exiting/i;

function suite(root, name, files) {
  const dir = path.join(root, name);
  mkdirSync(dir);
  for (let i = 1; i <= files; i += 1) writeFileSync(path.join(dir, `file-${String(i).padStart(2, '0')}.test.js`), TRIVIAL_TEST);
  return dir;
}

/** One `vitest run`: spawn → exit, and Vitest's own Duration line. */
function runVitest(dir, variant, args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [VITEST, 'run', '--config', CONFIG, ...args], {
      env: { ...process.env, MESH_BENCH_DIR: dir, MESH_BENCH_VARIANT: variant, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`vitest (${variant}) exited ${code}\n${output}`));
      const toMs = (match) => (match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : NaN);
      // Vitest's Duration line: wall time, and the summed time of every file's setup files (ours).
      const vitestMs = toMs(/Duration\s+([\d.]+)(ms|s)/.exec(output));
      const setupMs = toMs(/\bsetup ([\d.]+)(ms|s)/.exec(output)) || 0;
      resolve({ wallMs, vitestMs, setupMs, warned: HANG_WARNING.test(output) });
    });
  });
}

/** Runs mesh and plain alternately, so load from other processes falls on both alike; one warm-up each. */
async function compare(dir, args, repeats) {
  for (const variant of ['mesh', 'plain']) await runVitest(dir, variant, args);
  const runs = { mesh: [], plain: [] };
  for (let i = 0; i < repeats; i += 1) {
    for (const variant of ['mesh', 'plain']) runs[variant].push(await runVitest(dir, variant, args));
  }
  return runs;
}

const measure = (runs, key) => ({ mesh: median(runs.mesh.map((r) => r[key])), plain: median(runs.plain.map((r) => r[key])) });
const ms = (value) => `${value.toFixed(Math.abs(value) < 10 ? 1 : 0)} ms`;
const row = (label, m, note = '') => [label, ms(m.mesh), ms(m.plain), `${ms(m.mesh - m.plain)}${note}`];

async function main() {
  const sizes = parseBenchArgs(process.argv.slice(2), 'bench/vitest.js').quick ? QUICK : FULL;
  const root = mkdtempSync(path.join(os.tmpdir(), 'mesh-bench-vitest-'));
  try {
    progress(`first-file startup: 1 file, mesh() vs plain Vitest (median of ${sizes.repeats})`);
    const one = await compare(suite(root, 'one', 1), ['--maxWorkers=1'], sizes.repeats);
    progress(`per-file overhead: ${sizes.files} files on 1 worker, mesh() vs plain Vitest (median of ${sizes.repeats})`);
    const manyDir = suite(root, 'many', sizes.files);
    const many = await compare(manyDir, ['--maxWorkers=1'], sizes.repeats);
    progress(`the same with isolate: false (one worker runs every file), mesh() vs plain Vitest (median of ${sizes.repeats})`);
    const shared = await compare(manyDir, ['--maxWorkers=1', '--isolate=false'], sizes.repeats);

    const firstWall = measure(one, 'wallMs');
    const manyWall = measure(many, 'wallMs');
    // Per later file, three ways: from median totals, from run pairs (with their range, to show the
    // noise), and from Vitest's own summed setup-file time, which only mesh() has.
    const fromTotals = (manyWall.mesh - firstWall.mesh - (manyWall.plain - firstWall.plain)) / (sizes.files - 1);
    const pairs = many.mesh.map((run, i) => (run.wallMs - many.plain[i].wallMs - (one.mesh[i].wallMs - one.plain[i].wallMs)) / (sizes.files - 1));
    const setupPerFile = (measure(many, 'setupMs').mesh - measure(one, 'setupMs').mesh) / (sizes.files - 1);
    const warnings = [...one.mesh, ...many.mesh, ...shared.mesh].filter((run) => run.warned).length;
    const lines = [
      `## Vitest ${require('vitest/package.json').version}: the mesh() plugin vs a plain Vitest suite`, '',
      `Trivial test files, default pool and isolation (a fresh worker per file) unless noted, \`--maxWorkers=1\`; Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`, '',
      table(['measure', 'mesh()', 'plain Vitest', 'mesh() adds'], [
        row('1 file: spawn → exit', firstWall, ' **first-file startup**'),
        row('1 file: Vitest Duration', measure(one, 'vitestMs')),
        row(`${sizes.files} files: spawn → exit`, manyWall),
        row(`${sizes.files} files: Vitest Duration`, measure(many, 'vitestMs')),
        ['per later file, from the median totals: (T_mesh − T_plain − startup) / (files − 1)', '', '', ms(fromTotals)],
        ['per later file, the same per run pair: median (range)', '', '', `${ms(median(pairs))} (${ms(Math.min(...pairs))} … ${ms(Math.max(...pairs))})`],
        [`per later file, Vitest's summed setup-file time: (setup_${sizes.files} − setup_1) / (files − 1)`, '', '', `${ms(setupPerFile)} **per-file overhead**`],
        row(`${sizes.files} files, \`isolate: false\`: spawn → exit`, measure(shared, 'wallMs')),
        [`per later file, \`isolate: false\`, summed setup-file time: (setup_${sizes.files} − setup_1) / (files − 1)`, '', '',
          ms((measure(shared, 'setupMs').mesh - measure(one, 'setupMs').mesh) / (sizes.files - 1))],
      ]),
      '',
      `"close timed out" or hanging-process warnings in mesh() runs: ${warnings}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
