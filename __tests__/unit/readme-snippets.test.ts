import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

// Docs snippets must be code that runs: the README's first test is the demo's first-test file.
test("the README's first test is the one the demo suite runs", () => {
  const readme = read('README.md');
  const after = readme.slice(readme.indexOf('A first test'));
  const snippet = /```ts\n([\s\S]*?)```/.exec(after)?.[1];
  const file = read('examples/demo/tests/first-test.test.ts').replace(/^\/\/.*\n/, '');
  expect(snippet?.trim()).toBe(file.trim());
});
