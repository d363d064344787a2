'use strict';
// A throwaway Jest project in os.tmpdir() for the environment bench: generated test files, configs
// for our environment and for plain jest-environment-node (each wrapped to time its own setup),
// and a runner that times a real `jest` process. remove() deletes everything.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.join(__dirname, '..', '..');
const JEST_BIN = require.resolve('jest/bin/jest', { paths: [repo] });
const BASES = {
  mesh: path.join(repo, 'dist', 'environment', 'index.js'),
  node: require.resolve('jest-environment-node', { paths: [repo] }),
};

// Wraps an environment so each file's constructor + setup() and teardown() time lands in a log,
// one JSON line per test file; the wrapper adds two performance.now() calls and one append.
const timedEnvironment = (basePath, logPath) => `'use strict';
const fs = require('node:fs');
const loaded = require(${JSON.stringify(basePath)});
const Base = loaded.TestEnvironment ?? loaded.default ?? loaded;
module.exports = class TimedEnvironment extends Base {
  constructor(config, context) {
    const started = performance.now();
    super(config, context);
    this.benchStarted = started;
  }
  async setup() {
    await super.setup();
    this.benchReady = performance.now();
  }
  async teardown() {
    const started = performance.now();
    await super.teardown();
    fs.appendFileSync(${JSON.stringify(logPath)}, JSON.stringify({
      pid: process.pid, setupMs: this.benchReady - this.benchStarted, teardownMs: performance.now() - started,
    }) + '\\n');
  }
};
`;

// Marks when Jest has all results, so a process that lingers after its run does not count as test time.
const doneReporter = (markPath) => `'use strict';
module.exports = class DoneReporter {
  onRunComplete() { require('node:fs').writeFileSync(${JSON.stringify(markPath)}, String(Date.now())); }
};
`;

const RUN_TIMEOUT_MS = 300_000;

const TRIVIAL_TEST = `test('adds', () => { expect(1 + 1).toBe(2); });\n`;

// What a Mesh team's file does: a tenant, a user, a few notes, then the owner's list.
const REALISTIC_TEST = `test('a user lists their notes', async () => {
  const tenant = await mesh.factories.tenant();
  const user = await mesh.factories.user({ tenantId: tenant._id });
  const notes = mesh.client.withTenant(tenant._id).content('Notes');
  for (const title of ['Groceries', 'Standup', 'Ideas']) {
    await notes.create({ tenantId: tenant._id, userId: user._id, title, mode: 'work' });
  }
  const where = { AND: [{ indexer: { path: 'tenantId', equals: tenant._id } }, { parent_id: { eq: user._id } }] };
  const { items, total } = await notes.list({ where, limit: 25 });
  expect(total).toBe(3);
  expect(items.map((n) => n.title)).toEqual(['Groceries', 'Standup', 'Ideas']);
});
`;

function createJestProject() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-env-bench-'));
  // Jest resolves its project from the cwd even with --config, and needs a package.json to stop at.
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "mesh-env-bench", "private": true }\n');

  /** Writes `count` copies of a test body into a new folder; returns the folder name. */
  function suite(name, count, body) {
    fs.mkdirSync(path.join(root, name));
    for (let i = 0; i < count; i += 1) fs.writeFileSync(path.join(root, name, `file-${String(i).padStart(2, '0')}.test.js`), body);
    return name;
  }

  /** A config running `folder` under env `kind` ('mesh' | 'node'); returns its path and its timing log. */
  function config(kind, folder) {
    const id = `${kind}-${folder}`;
    const log = path.join(root, `${id}.log`);
    const doneMark = path.join(root, `${id}.done`);
    const json = path.join(root, `${id}.json`);
    const environment = path.join(root, `${id}-env.js`);
    const reporter = path.join(root, `${id}-reporter.js`);
    fs.writeFileSync(environment, timedEnvironment(BASES[kind], log));
    fs.writeFileSync(reporter, doneReporter(doneMark));
    const file = path.join(root, `${id}.config.js`);
    fs.writeFileSync(file, `module.exports = ${JSON.stringify({
      rootDir: path.join(root, folder),
      testEnvironment: environment,
      reporters: ['default', reporter],
      transform: {},
      cacheDirectory: path.join(root, '.jest-cache'),
      watchman: false,
    })};\n`);
    return { file, log, doneMark, json };
  }

  /**
   * Runs jest; resolves to ms until all results are in (resultsMs) and until the process exited
   * (wallMs), and the per-file timings the wrapped environment logged.
   */
  function run({ file, log, doneMark, json }, args) {
    for (const stale of [log, doneMark, json]) fs.rmSync(stale, { force: true });
    const startedAt = Date.now();
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [JEST_BIN, '--config', file, '--ci', '--json', `--outputFile=${json}`, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      // A run that hangs (an open handle in band) must not hang the bench with it.
      const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        const wallMs = performance.now() - started;
        if (code !== 0) return reject(new Error(`jest ${args.join(' ')} on ${file} exited ${code}:\n${stderr.slice(-2000)}`));
        const resultsMs = Number(fs.readFileSync(doneMark, 'utf8')) - startedAt;
        resolve({ wallMs, resultsMs, files: readLog(log), timeline: timeline(json), warnings: jestWarnings(stderr) });
      });
    });
  }

  return { root, suite, config, run, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function readLog(log) {
  if (!fs.existsSync(log)) return [];
  return fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Jest's own clock: when the run started and when each file started and ended, in run order. */
function timeline(json) {
  const results = JSON.parse(fs.readFileSync(json, 'utf8'));
  const files = results.testResults
    .map((result) => ({ start: result.startTime, end: result.endTime }))
    .sort((a, b) => a.start - b.start);
  return { start: results.startTime, files };
}

const WARNINGS = [/failed to exit gracefully/, /did not exit one second after/, /open handle/i];
function jestWarnings(stderr) {
  return WARNINGS.filter((pattern) => pattern.test(stderr)).map((pattern) => stderr.match(pattern)[0]);
}

module.exports = { createJestProject, TRIVIAL_TEST, REALISTIC_TEST };
