// tsc writes files without the executable bit; the `mesh-test-server` bin (and `npx` in this
// checkout, which links it) needs it. Installs from the npm tarball get it from npm itself.
const { chmodSync } = require('node:fs');
const { join } = require('node:path');
const { bin } = require('../package.json');

for (const file of Object.values(bin)) chmodSync(join(__dirname, '..', file), 0o755);
