#!/usr/bin/env node
import './cli/heap-size';
import './cli/compile-cache';
import { runCli } from './cli/run';

// process.exit rather than exitCode: a stray keep-alive socket must not keep a stopped server alive.
runCli(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`mesh-test-server: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
