import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../../src/http/openapi';

// docs/rest.md is written by hand; this keeps it to the routes and statuses the served OpenAPI
// document (GET /docs/docs.json) lists, so the two cannot drift apart unnoticed.
const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'rest.md'), 'utf8');
const paths = openApiDocument().paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;

/** `## \`GET /api/content/:type\`` → its text up to the next heading of the same level. */
function sections(): Map<string, string> {
  const found = new Map<string, string>();
  const headings = [...doc.matchAll(/^## `([A-Z]+ \/api\/[^`]*)`\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)];
  for (const [, route, body] of headings) found.set(route!, body!);
  return found;
}

const routes = Object.entries(paths).flatMap(([path, operations]) =>
  Object.entries(operations).map(([method, operation]) => ({
    route: `${method.toUpperCase()} /api${path.replace(/\{(\w+)\}/g, ':$1')}`,
    statuses: Object.keys(operation.responses),
  })));

test.each(routes)('docs/rest.md has a section for $route naming each status the OpenAPI document lists', ({ route, statuses }) => {
  const body = sections().get(route);
  expect(body).toBeDefined();
  for (const status of statuses) expect({ route, status, named: body!.includes(`\`${status}\``) }).toEqual({ route, status, named: true });
});

test('docs/rest.md documents no /api route the OpenAPI document lacks', () => {
  expect([...sections().keys()].sort()).toEqual(routes.map((r) => r.route).sort());
});
