// The demo suite: realistic tests of the kind the Mesh teams write, run with several workers
// (`npm run demo`). In a consumer project this is just `testEnvironment: 'jest-environment-mesh'`;
// from the repo checkout it points at the built package.
const order = require('./content-types/order');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: '<rootDir>/../../dist/environment/index.js',
  testEnvironmentOptions: { showRequestsOnFailure: true, tenantDefinitions: [order] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/record-where.ts'],
  reporters: ['default', '<rootDir>/where-reporter.js'],
  // Jest runs up to 20 files it remembers as fast in band, whatever --maxWorkers says; with an idle
  // memory limit it always uses workers, so the demo shows one emulator per worker on every run.
  // 1 GB is never reached here: the limit only forces the worker pool.
  workerIdleMemoryLimit: '1GB',
};
