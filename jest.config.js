// A .js config on purpose: Jest can only read jest.config.ts through ts-node, which we do not depend on.
/** @type {import('jest').Config} */
module.exports = {
  // The package tests itself with its own environment, from source: Jest transpiles the
  // environment module with the transform below, so no build is needed first. Tests that start
  // their own servers with startMeshServer() are unaffected; `mesh` is simply there as well.
  testEnvironment: '<rootDir>/environment/index.ts',
  // With MESH_TEST_DATABASE (.ci/run's PostgreSQL pass) each worker's own emulator runs there too,
  // which proves the environment loads the PostgreSQL backend from source (src/db/database.ts).
  testEnvironmentOptions: process.env.MESH_TEST_DATABASE ? { database: process.env.MESH_TEST_DATABASE } : {},
  transform: { '^.+\\.tsx?$': 'ts-jest' },
  // Suites that start servers from source run pg-mem with the package's hash (see the file).
  moduleNameMapper: { '^object-hash$': '<rootDir>/__tests__/support/pg-mem-object-hash.ts' },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Fixture projects are run by the e2e tests with their own Jest, never by this one.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/e2e/fixtures/'],
  testTimeout: 30_000,
  // The progress reporter keeps a long run from looking hung (see the file).
  reporters: ['default', '<rootDir>/scripts/jest-progress-reporter.js'],
};
