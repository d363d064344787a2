import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

// The client shown in the docs is the one the e2e test runs on 4 workers (fixtures/app-env).
test("docs/environment.md's application client is the e2e fixture's", () => {
  const docs = read('docs/environment.md');
  const snippet = /```js\n\/\/ app\/mesh-api\.js\n([\s\S]*?)```/.exec(docs)?.[1];
  expect(snippet?.trim()).toBe(read('__tests__/e2e/fixtures/app-env/app/mesh-api.js').trim());
});

// A fenced block right after `<!-- snippet: PATH -->` is PATH's text, so the page shows a file the tests run.
const SNIPPET_PAGES = ['docs/seed.md', 'docs/clock.md', 'docs/faults.md', 'docs/coverage.md'];
test.each(SNIPPET_PAGES)('%s shows its runnable example as the files the e2e tests run', (page) => {
  const snippets = [...read(page).matchAll(/<!-- snippet: (\S+) -->\n```\w*\n([\s\S]*?)```/g)];
  expect(snippets.length).toBeGreaterThan(0);
  for (const [, file, text] of snippets) expect({ file, text: text!.trim() }).toEqual({ file, text: read(file!).trim() });
});
