// pg-mem's object-hash inside Jest's sandbox (jest.config.js maps it here). The package swaps it
// in through Node's loader (src/db/pg-mem/load.ts), which a test file's sandbox bypasses; mapped
// here, every suite that starts a server from source runs pg-mem as the package does.
import { structuralHashOf } from '../../src/db/pg-mem/structural-hash';

// The file path, not the package name, so the mapping does not send this require back here.
export = structuralHashOf(require('object-hash/index.js'));
