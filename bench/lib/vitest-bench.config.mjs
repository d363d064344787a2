// The Vitest config bench/vitest.js runs: the same generated files with the mesh() plugin or
// without it (a plain Vitest suite), from the built package.
import { defineConfig } from 'vitest/config';
import mesh from '../../dist/vitest/index.mjs';

export default defineConfig({
  root: process.env.MESH_BENCH_DIR,
  plugins: process.env.MESH_BENCH_VARIANT === 'mesh' ? [mesh()] : [],
  test: { globals: true, include: ['*.test.js'] },
});
