'use strict';
// Prints "what ran where" after the demo: each test file, the Jest worker and emulator port it used.
// Files report through a per-run directory in os.tmpdir() (see record-where.ts), removed at the end.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DIR_VARIABLE = 'MESH_DEMO_WHERE_DIR';

class WhereReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    // Set before Jest forks its workers, which inherit the environment.
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-demo-where-'));
    process.env[DIR_VARIABLE] = this.dir;
    // Also on an interrupted run (Ctrl-C, bail), which never reaches onRunComplete.
    process.once('exit', () => this.removeDir());
  }

  removeDir() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  onRunComplete(_contexts, results) {
    try {
      this.print(this.readRecords(), results);
    } finally {
      this.removeDir();
    }
  }

  readRecords() {
    return fs.readdirSync(this.dir)
      .map((name) => JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')))
      .sort((a, b) => a.workerId - b.workerId || a.startedAt - b.startedAt);
  }

  print(records, results) {
    const byFile = new Map(results.testResults.map((result) => [result.testFilePath, result]));
    const lines = ['', 'What ran where', '', '| worker | pid | emulator port | test file | tests | time |', '| --- | --- | --- | --- | --- | --- |'];
    for (const record of records) {
      const result = byFile.get(record.testPath);
      const tests = result ? `${result.numPassingTests}/${result.testResults.length} passed` : '?';
      const seconds = result ? `${((result.perfStats.end - result.perfStats.start) / 1000).toFixed(2)} s` : '?';
      lines.push(`| ${record.workerId} | ${record.pid} | ${record.port} | ${path.relative(this.rootDir, record.testPath)} | ${tests} | ${seconds} |`);
    }
    const workers = new Set(records.map((record) => `${record.workerId}:${record.port}`));
    lines.push('', `${records.length} files on ${workers.size} worker(s), one emulator each: ${[...workers].join(', ')}`, '');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

module.exports = WhereReporter;
