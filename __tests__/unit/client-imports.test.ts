import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

// The client entry is loaded by consumers' tests and must stay light: it may reach the definition
// JSON and types, never the server's database, HTTP stack or their npm dependencies.
const root = resolve(__dirname, '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'"]*?from\s+)?['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

function moduleGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!file.endsWith('.ts')) return;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (!specifier.startsWith('.')) packages.add(specifier);
      else visit(resolveLocal(resolve(dirname(file), specifier)));
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

function resolveLocal(base: string): string {
  const found = [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
  if (found === undefined) throw new Error(`cannot resolve ${base}`);
  return found;
}

test('the client entry imports no package and nothing of the server beyond definitions', () => {
  const { files, packages } = moduleGraph(resolve(root, 'src/client/index.ts'));
  expect(packages).toEqual([]);
  expect(files.filter((file) => !file.startsWith('src/client/'))).toEqual([
    'src/content/definition-types.ts',
    'src/definitions/index.ts',
    'src/definitions/platform.json',
    'src/definitions/tenant-catalogue.json',
  ]);
});
