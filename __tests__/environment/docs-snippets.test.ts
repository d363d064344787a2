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
