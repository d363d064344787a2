import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const USAGE = `Usage: mesh-test-server [flags]

Starts an in-memory Mesh emulator. When it is ready it prints one line of JSON on stdout:
  {"url":...,"apiUrl":...,"graphqlUrl":...,"port":...,"pid":...}
Logs go to stderr. It stops on SIGINT/SIGTERM, when its parent process dies, and
(with --exit-on-stdin-close) when its stdin ends.

Flags (a flag wins over its environment variable):
  --port N                  TCP port, 0 picks a free one (env PORT; default 0)
  --host H                  interface to listen on (default 127.0.0.1 and ::1, same port)
  --mesh-secret S           accepted x-mesh-secret (env MESH_SHARED_SECRET; default test-mesh-secret)
  --bot-control-secret S    accepted x-bot-control-secret (env BOT_CONTROL_SHARED_SECRET; default test-bot-secret)
  --jwt-signing-key S       HS256 key of Bearer JWTs (env AUTH_SIGNING_KEY; default the mesh secret)
  --auth enforce|off        require a secret or JWT on /api, /graphql and /test (default enforce)
  --definitions PATH        JSON file with one definition or an array of them; repeatable
  --strict                  validate written content against its definition's jsonSchema
  --seed FILE               records (.json, or .ndjson one a line) loaded into the baseline that every
                            reset returns to; repeatable
  --clock ISO[,STEP_MS]     fix the clock stamping createdAt/updatedAt at ISO, moving STEP_MS per
                            timestamp (default: real)
  --export-on-exit FILE     write the records (as --seed reads them) to FILE when the server stops
  --database URL            "pg-mem" (default) or postgres://user:password@host:port/dbname: the server
                            gets its own database there, dropped on exit (env MESH_DATABASE_URL)
  --exit-on-stdin-close     exit when stdin ends (a test runner holds it open)
  --help, --version

Exit codes: 0 after a signal or orphaning, 2 for bad flags or a taken port, 1 otherwise.
`;

/** The package version, read from the package.json above this file (src/ or dist/src/). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'jest-environment-mesh') return manifest.version ?? 'unknown';
    } catch {
      // no package.json at this level; keep walking up
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
