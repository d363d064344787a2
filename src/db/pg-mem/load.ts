import Module from 'node:module';
import { dirname } from 'node:path';
import { structuralHashOf } from './structural-hash';

type PgMem = typeof import('pg-mem');
type ObjectHash = Parameters<typeof structuralHashOf>[0];
interface ModuleLoader { _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown }

/** Whether this process's pg-mem hashes through structural-hash.ts (__tests__/unit/pg-mem-hash.test.ts checks it). */
export let pgMemHashIsStructural = false;

/**
 * pg-mem, loaded with structural-hash.ts in place of its `object-hash` dependency. The swap is
 * scoped: only a `require('object-hash')` made by pg-mem's own file while pg-mem loads is
 * answered, so no other package in the process sees it. When the process loaded pg-mem before
 * (a test's own pg-mem), the emulator loads its own copy and leaves that one, and Node's module
 * cache, as they were. Where Node's loader is not the one loading (a Jest test file's sandbox has
 * its own module registry), pg-mem keeps object-hash: slower, same answers.
 */
export const pgMem: PgMem = loadPgMem();

function loadPgMem(): PgMem {
  const entry = require.resolve('pg-mem');
  const loader = Module as unknown as ModuleLoader;
  if (typeof loader._load !== 'function') return require('pg-mem') as PgMem;
  const loadedBefore = require.cache[entry];
  delete require.cache[entry];
  // object-hash itself only for the rare value that is not plain data; loaded when first needed.
  let objectHash: ObjectHash | undefined;
  const structural = structuralHashOf((value, options) => {
    objectHash ??= require(require.resolve('object-hash', { paths: [dirname(entry)] })) as ObjectHash;
    return objectHash(value, options);
  });
  const load = loader._load;
  loader._load = function loadForPgMem(this: unknown, request, parent, isMain) {
    if (request === 'object-hash' && parent?.filename === entry) {
      pgMemHashIsStructural = true;
      return structural;
    }
    return load.call(this, request, parent, isMain);
  };
  try {
    return require('pg-mem') as PgMem;
  } finally {
    loader._load = load;
    if (loadedBefore) require.cache[entry] = loadedBefore;
  }
}
