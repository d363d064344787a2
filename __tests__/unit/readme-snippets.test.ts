import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

// Docs snippets must be code that runs: a README block marked `<!-- snippet: path -->` is that file
// of examples/demo (which `npm run demo` runs and `npm run typecheck` checks), minus the file's
// leading `//` comment, which speaks to readers of the repository rather than of the README.
const MARKED = /<!-- snippet: (\S+) -->\n```\w+\n([\s\S]*?)```/g;
const readme = read('README.md');
const snippets = [...readme.matchAll(MARKED)].map(([, file, block]) => ({ file: file!, block: block! }));

const withoutLeadingComment = (text: string) => text.replace(/^(\/\/.*\n)+/, '');

test.each(snippets)('the README block marked $file is that file', ({ file, block }) => {
  expect(block.trim()).toBe(withoutLeadingComment(read(file)).trim());
});

test('the README shows the first test, the app-env client, the custom type and the common mistakes from runnable files', () => {
  expect(snippets.map((s) => s.file)).toEqual(expect.arrayContaining([
    'examples/demo/tests/first-test.test.ts',
    'examples/demo/app/notes-search.ts',
    'examples/demo/tests/app-env.test.ts',
    'examples/demo/content-types/order.js',
    'examples/demo/content-types/order.ts',
    'examples/demo/tests/orders.test.ts',
    'examples/demo/tests/common-mistakes.test.ts',
  ]));
  // Every marked file is part of the demo suite, so `npm run demo` exercises what the README shows.
  for (const { file } of snippets) expect(file).toMatch(/^examples\/demo\//);
  // A marker with no code block right after it would silently check nothing.
  expect(readme.match(/<!-- snippet:/g)?.length).toBe(snippets.length);
});

test("the README's Jest config names the demo's definition file as the demo config does", () => {
  expect(read('examples/demo/jest.config.js')).toContain("require('./content-types/order')");
  expect(readme).toContain("const order = require('./content-types/order');");
});
