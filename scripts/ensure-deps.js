#!/usr/bin/env node
// Makes `npm test` and `npm run demo` work on a fresh clone: installs from the lockfile when
// node_modules is missing or older than package-lock.json, and does nothing otherwise.
const { execSync } = require('node:child_process');
const { statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const mtime = (file) => {
  try {
    return statSync(join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
};

if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
  process.stderr.write('Installing the locked dependencies (npm ci)...\n');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
