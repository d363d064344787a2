export * from '../src/testkit/test-ids';
