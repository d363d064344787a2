// The Vitest config bench/vitest.js runs: the same generated files with the mesh() plugin or
// without it (a plain Vitest suite), from the built package. In a consumer the package sits in
// node_modules, which Vitest hands to Node as it is (externalised: loaded once per worker); from
// the repo checkout it would be run through Vite per file, so it is externalised here by name.
import { defineConfig } from 'vitest/config';
import mesh from '../../dist/vitest/index.mjs';

export default defineConfig({
  root: process.env.MESH_BENCH_DIR,
  plugins: process.env.MESH_BENCH_VARIANT === 'mesh' ? [mesh()] : [],
  test: { globals: true, include: ['*.test.js'], server: { deps: { external: [/\/dist\//, /\/vitest\/setup\.mjs$/] } } },
});
