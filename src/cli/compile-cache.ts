import * as nodeModule from 'node:module';

/** `module.enableCompileCache` exists from Node 22.8; @types/node 20 does not declare it. */
type CompileCacheModule = { enableCompileCache?: () => { status: number; message?: string; directory?: string } };

/**
 * The CLI owns its process, so it turns on Node's on-disk compile cache (Node ≥ 22.8; a no-op on 20):
 * pg-mem's parser, Express and our own code are compiled once per machine instead of at every start,
 * which every pytest worker and every `mesh-test-server` start pays (bench/cli-startup.js). Node picks
 * the directory (NODE_COMPILE_CACHE, else node-compile-cache under the OS temp dir) and honours
 * NODE_DISABLE_COMPILE_CACHE=1; a cache it cannot write is skipped silently, never an error.
 * Imported right after heap-size.ts, before the rest of the command loads, so that all of it is cached. The Jest and
 * Vitest integrations run inside the test runner's process and leave this to the runner.
 */
(nodeModule as CompileCacheModule).enableCompileCache?.();
