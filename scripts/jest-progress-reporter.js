// Jest's default reporter prints a file only when the whole file has finished, so a run whose
// slow file (the e2e one packs and installs the package, minutes in all) is the only one left
// looks hung. This reporter, next to the default one, says which Node runs the suite, prints every
// test case that took a second or more (or failed), and when nothing has been printed for 15 s,
// lists the files still running and for how long.
const { relative } = require('node:path');

const QUIET_MS = 15_000;
const SLOW_CASE_MS = 1_000;

class ProgressReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.running = new Map();
    this.lastPrint = Date.now();
    this.timer = undefined;
  }

  onRunStart(results) {
    this.print(`jest: ${results.numTotalTestSuites} test files on Node ${process.version}`);
    this.timer = setInterval(() => this.heartbeat(), 1_000);
    this.timer.unref();
  }

  onTestFileStart(test) {
    this.running.set(test.path, Date.now());
  }

  onTestCaseResult(test, result) {
    if ((result.duration ?? 0) < SLOW_CASE_MS && result.status !== 'failed') return;
    const mark = result.status === 'passed' ? 'ok' : result.status;
    this.print(`  ${mark} ${seconds(result.duration ?? 0)} ${this.name(test.path)} › ${result.fullName}`);
  }

  onTestFileResult(test) {
    this.running.delete(test.path);
    // The default reporter prints the finished file itself.
    this.lastPrint = Date.now();
  }

  onRunComplete() {
    clearInterval(this.timer);
  }

  heartbeat() {
    const now = Date.now();
    if (now - this.lastPrint < QUIET_MS || this.running.size === 0) return;
    const files = [...this.running].map(([path, start]) => `${this.name(path)} (${seconds(now - start)})`);
    this.print(`still running: ${files.join(', ')}`);
  }

  name(path) {
    return relative(this.rootDir, path);
  }

  print(line) {
    this.lastPrint = Date.now();
    process.stderr.write(`${line}\n`);
  }
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

module.exports = ProgressReporter;
