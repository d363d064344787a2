'use strict';
// Environment bench (issue 3): a worker's first-file startup, per-file overhead against plain
// jest-environment-node on the same files, and a 40-file realistic suite with 1 and 2 workers.
// Real `jest` processes on generated files in os.tmpdir(); the folder is removed at the end.
const os = require('node:os');
const { median } = require('./lib/stats');
const { table, parseBenchArgs, progress } = require('./lib/report');
const { createJestProject, TRIVIAL_TEST, REALISTIC_TEST } = require('./lib/jest-project');

const FULL = { files: 40, startupRepeats: 5, suiteRepeats: 7 };
const QUICK = { files: 40, startupRepeats: 2, suiteRepeats: 1 };
const TARGET_OVERHEAD_MS = 2;

/**
 * Runs each variant ({ config, args }) `repeats` times, interleaved so load from other processes on
 * this shared machine falls on all of them alike, after one untimed warm-up each (haste map cache).
 */
async function compare(project, variants, repeats) {
  for (const { config, args } of Object.values(variants)) await project.run(config, args);
  const runs = Object.fromEntries(Object.keys(variants).map((key) => [key, []]));
  for (let i = 0; i < repeats; i += 1) {
    for (const [key, { config, args }] of Object.entries(variants)) runs[key].push(await project.run(config, args));
  }
  return runs;
}

/** The same files in band under our environment and under plain jest-environment-node. */
function inBandPair(project, folder) {
  const args = ['--runInBand'];
  return { mesh: { config: project.config('mesh', folder), args }, node: { config: project.config('node', folder), args } };
}

/** Until Jest has every result; a process that lingers afterwards is reported apart, as exit lag. */
const medianResults = (runs) => median(runs.map((run) => run.resultsMs));
const exitLag = (runs) => median(runs.map((run) => run.wallMs - run.resultsMs));
/** Median over runs of the median per-file setup (constructor + setup) and teardown, skipping file 1. */
const laterFiles = (runs, key) => median(runs.map((run) => median(run.files.slice(1).map((file) => file[key]))));
/**
 * Jest's clock, in band: run start → end of file 1, and the time per later file as the median
 * end-to-end interval between consecutive files (gaps included; a median, so a stall caused by
 * another process on this shared machine does not count against one environment).
 */
const firstFileDone = (runs) => median(runs.map(({ timeline: t }) => t.files[0].end - t.start));
const laterFileMs = ({ timeline: t }) => median(t.files.slice(1).map((file, i) => file.end - t.files[i].end));
const perLaterFile = (runs) => median(runs.map(laterFileMs));

/**
 * Our extra time per later file from back-to-back run pairs (mesh run i, node run i), so slow drift
 * in the machine's load cancels; the median difference and the range over pairs, to show the noise.
 */
function pairedExtra(runs) {
  const differences = runs.mesh.map((run, i) => laterFileMs(run) - laterFileMs(runs.node[i]));
  return { mesh: perLaterFile(runs.mesh), node: perLaterFile(runs.node), extra: median(differences),
    min: Math.min(...differences), max: Math.max(...differences) };
}
const firstFile = (runs) => median(runs.map((run) => run.files[0].setupMs));
const warningsOf = (runs) => [...new Set(runs.flatMap((run) => run.warnings))];

async function startup(project, sizes) {
  progress('first-file startup: 1 file, mesh vs node');
  const folder = project.suite('one', 1, TRIVIAL_TEST);
  const runs = await compare(project, inBandPair(project, folder), sizes.startupRepeats);
  return {
    results: pair(runs, medianResults),
    jestClock: pair(runs, firstFileDone),
    setup: pair(runs, firstFile),
    exitLag: pair(runs, exitLag),
    warnings: warningsOf(runs.mesh),
  };
}

/** A measure for both environments, and what ours adds. */
function pair(runs, measure) {
  const mesh = measure(runs.mesh);
  const node = measure(runs.node);
  return { mesh, node, extra: mesh - node };
}

async function perFile(project, sizes, first) {
  progress(`per-file overhead: ${sizes.files} trivial files in band, mesh vs node`);
  const folder = project.suite('trivial', sizes.files, TRIVIAL_TEST);
  const runs = await compare(project, inBandPair(project, folder), sizes.suiteRepeats);
  const results = pair(runs, medianResults);
  return {
    results,
    fromResults: (results.extra - first.results.extra) / (sizes.files - 1),
    jestClock: pairedExtra(runs),
    setup: pair(runs, (r) => laterFiles(r, 'setupMs')),
    teardown: pair(runs, (r) => laterFiles(r, 'teardownMs')),
    warnings: warningsOf(runs.mesh),
  };
}

/**
 * The realistic suite under our environment with 1 and 2 workers, and, as the reference for what
 * Jest itself gains from a second worker on this machine, trivial files under jest-environment-node.
 */
async function scaling(project, sizes) {
  progress(`realistic suite: ${sizes.files} files, --maxWorkers=1 vs 2 (and jest-environment-node on trivial files)`);
  const mesh = project.config('mesh', project.suite('realistic', sizes.files, REALISTIC_TEST));
  const node = project.config('node', project.suite('trivial-scaling', sizes.files, TRIVIAL_TEST));
  const runs = await compare(project, {
    one: { config: mesh, args: ['--maxWorkers=1'] },
    two: { config: mesh, args: ['--maxWorkers=2'] },
    nodeOne: { config: node, args: ['--maxWorkers=1'] },
    nodeTwo: { config: node, args: ['--maxWorkers=2'] },
  }, sizes.suiteRepeats);
  const one = medianResults(runs.one);
  const two = medianResults(runs.two);
  const nodeOne = medianResults(runs.nodeOne);
  const nodeTwo = medianResults(runs.nodeTwo);
  return {
    one, two, speedup: one / two, oneExitLag: exitLag(runs.one), twoExitLag: exitLag(runs.two),
    nodeOne, nodeTwo, nodeSpeedup: nodeOne / nodeTwo,
    warnings: warningsOf([...runs.one, ...runs.two]),
  };
}

const ms = (value) => `${value.toFixed(Math.abs(value) < 10 ? 2 : 0)} ms`;
const pairRow = (label, p, note = '') => [label, ms(p.mesh), ms(p.node), `${ms(p.extra)}${note}`];

function printOverhead(first, files, sizes) {
  const perFileSetup = files.setup.extra + files.teardown.extra;
  return [
    `### A worker's first file, and every file after it (\`--runInBand\`)`, '',
    table(['measure', 'jest-environment-mesh', 'jest-environment-node', 'mesh adds'], [
      pairRow(`1 file: spawn → all results (median of ${sizes.startupRepeats})`, first.results, ' **first-file startup**'),
      pairRow('1 file: Jest run start → file done (Jest clock)', first.jestClock),
      pairRow('1 file: environment constructor + setup() (instrumented)', first.setup),
      pairRow('1 file: all results → process exit', first.exitLag),
      pairRow(`${sizes.files} files: spawn → all results (median of ${sizes.suiteRepeats})`, files.results),
      ['per later file, from the totals: (T_mesh − T_node − startup) / (files − 1)', '', '', ms(files.fromResults)],
      pairRow('per later file, Jest clock: median interval between consecutive file ends', files.jestClock,
        ` **per-file overhead** (median of ${sizes.suiteRepeats} run pairs; range ${ms(files.jestClock.min)} … ${ms(files.jestClock.max)})`),
      ['per later file, environment setup + teardown (instrumented, median)', ms(files.setup.mesh + files.teardown.mesh),
        ms(files.setup.node + files.teardown.node), ms(perFileSetup)],
    ]),
    '',
    targetLine(files.jestClock, perFileSetup),
  ];
}

/** The verdict names both estimates; a wall-clock range that spans zero is noise, not a result. */
function targetLine(clock, perFileSetup) {
  const verdict = (value) => (value < TARGET_OVERHEAD_MS ? 'met' : '**missed**');
  const noisy = clock.min < 0 && clock.max > 0;
  return `Target: under ${TARGET_OVERHEAD_MS} ms per file after the first. The environment's own setup + teardown adds `
    + `${ms(perFileSetup)} (${verdict(perFileSetup)}). Jest clock: median ${ms(clock.extra)} (${verdict(clock.extra)}), `
    + `run-pair range ${ms(clock.min)} … ${ms(clock.max)}${noisy ? ', which spans zero: within this machine\'s run-to-run noise' : ''}.`;
}

function printScaling(scale, sizes) {
  return [
    `### ${sizes.files}-file realistic suite (a tenant, a user, 3 notes and a list per file)`, '',
    table(['run', 'spawn → all results', 'speed-up', 'then exit lag'], [
      [`--maxWorkers=1 (in band)`, ms(scale.one), '1.00×', ms(scale.oneExitLag)],
      [`--maxWorkers=2`, ms(scale.two), `**${scale.speedup.toFixed(2)}×** (linear: 2.00×)`, ms(scale.twoExitLag)],
      [`reference: jest-environment-node, ${sizes.files} trivial files, --maxWorkers=1`, ms(scale.nodeOne), '1.00×', ''],
      [`reference: jest-environment-node, ${sizes.files} trivial files, --maxWorkers=2`, ms(scale.nodeTwo), `${scale.nodeSpeedup.toFixed(2)}× (Jest's own gain here)`, ''],
    ]),
    '',
    `Speed-up 1 → 2 workers: ${scale.speedup.toFixed(2)}× on ${os.cpus().length} cores (load average at the end: ${os.loadavg()[0].toFixed(2)}).`,
  ];
}

function print(first, files, scale, sizes, quick) {
  const out = [`## Jest environment (${quick ? 'quick' : 'full'} run)`, '', ...printOverhead(first, files, sizes), '', ...printScaling(scale, sizes)];
  const warnings = [...new Set([...first.warnings, ...files.warnings, ...scale.warnings])];
  if (warnings.length) out.push('', `Jest warnings seen in the mesh runs: ${warnings.map((w) => `"${w}"`).join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n\n`);
}

async function main() {
  const flags = parseBenchArgs(process.argv.slice(2), 'bench/environment.js');
  const sizes = flags.quick ? QUICK : FULL;
  const project = createJestProject();
  const cleanUp = () => project.remove();
  process.once('SIGINT', () => { cleanUp(); process.exit(130); });
  try {
    const first = await startup(project, sizes);
    const files = await perFile(project, sizes, first);
    const scale = await scaling(project, sizes);
    print(first, files, scale, sizes, flags.quick);
  } finally {
    cleanUp();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
