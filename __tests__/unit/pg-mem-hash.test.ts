import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { structuralHashOf } from '../../src/db/pg-mem/structural-hash';

// The real object-hash, by file path (jest.config.js maps the package name to the structural one).
const objectHash = require('object-hash/index.js') as (value: unknown, options?: unknown) => string;
const hash = structuralHashOf(objectHash);

describe('structural hash (pg-mem\'s object-hash stand-in)', () => {
  test('structurally equal values meet, whatever their key order', () => {
    expect(hash({ left: 'a', op: '=', right: { toUuid: 'b' } })).toBe(hash({ right: { toUuid: 'b' }, op: '=', left: 'a' }));
    expect(hash([1, 'x', null])).toBe(hash([1, 'x', null]));
    expect(hash(Object.assign(Object.create(null), { a: 1 }))).toBe(hash({ a: 1 }));
  });

  test('values that differ in type or order never meet', () => {
    const distinct: unknown[] = ['1', 1, 'n1', true, 'T', false, null, 'null', 'N', undefined, NaN, 'NaN', 10n, '10',
      [], {}, '[]', '{}', [1, 2], [2, 1], ['1,2'], [[1], 2], [1, [2]], { a: 1 }, { a: '1' }, { 'a:1': 'x' }, { a: { b: 1 } },
      { 'a': 1, 'b': 2 }, { '"a":n1,"b"': 2 }, new Date(0), new Date(1), '1970-01-01T00:00:00.000Z', Buffer.from('ab'), 'x'.repeat(200), 'x'.repeat(201)];
    const hashes = distinct.map((value) => hash(value));
    expect(new Set(hashes).size).toBe(distinct.length);
  });

  test('dates, buffers and class instances are hashed by object-hash, in their own space', () => {
    expect(hash(new Date(5))).toBe(hash(new Date(5)));
    expect(hash(Buffer.from('ab'))).toBe(hash(Buffer.from('ab')));
    expect(hash(new Date(5))).toBe(`x${objectHash(new Date(5))}`);
  });

  test('long keys are digested, and stay distinct', () => {
    const long = (n: number) => ({ values: Array.from({ length: 100 }, (_, i) => `v${i + n}`) });
    expect(hash(long(0)).length).toBeLessThan(40);
    expect(hash(long(0))).toBe(hash(long(0)));
    expect(hash(long(0))).not.toBe(hash(long(1)));
  });

  test('a call with options is object-hash\'s own', () => {
    expect(hash({ a: 1 }, { algorithm: 'md5' })).toBe(objectHash({ a: 1 }, { algorithm: 'md5' }));
  });
});

// Node's loader, not Jest's sandbox: the package's own way of loading pg-mem, in a plain node.
test('loaded by Node, pg-mem gets the structural hash and no other package (nor a pg-mem loaded before) does; its DISTINCT and GROUP BY work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-pg-mem-load-'));
  try {
    for (const name of ['load', 'structural-hash']) {
      const source = readFileSync(resolve(__dirname, `../../src/db/pg-mem/${name}.ts`), 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
      writeFileSync(join(dir, `${name}.js`), outputText);
    }
    const root = resolve(__dirname, '../..');
    const script = `
      const Module = require('node:module');
      const fromRoot = Module.createRequire(${JSON.stringify(join(root, 'package.json'))});
      const own = fromRoot('pg-mem'); // a test's own pg-mem, loaded first
      const loaded = require(${JSON.stringify(join(dir, 'load.js'))});
      if (fromRoot('pg-mem') !== own || loaded.pgMem === own) throw new Error('the pg-mem loaded first was replaced or reused');
      const db = loaded.pgMem.newDb({ noAstCoverageCheck: true });
      db.public.none("CREATE TABLE t (g TEXT, v INTEGER); INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 3), ('a', 2);");
      const distinct = db.public.many('SELECT DISTINCT g, v FROM t ORDER BY g, v');
      const grouped = db.public.many('SELECT g, SUM(v) AS total FROM t GROUP BY g ORDER BY g');
      process.stdout.write(JSON.stringify({ structural: loaded.pgMemHashIsStructural, others: fromRoot('object-hash')({ a: 1 }), distinct, grouped }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'node_modules') } }));
    expect(out.structural).toBe(true);
    expect(out.others).toMatch(/^[0-9a-f]{40}$/);
    expect(out.distinct).toEqual([{ g: 'a', v: 1 }, { g: 'a', v: 2 }, { g: 'b', v: 3 }]);
    expect(out.grouped).toEqual([{ g: 'a', total: 5 }, { g: 'b', total: 3 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
