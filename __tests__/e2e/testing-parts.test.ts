import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsumerProject, devToolVersions, packPackage, type PackedPackage } from './support/consumer-project';

/** Seed, clock and faults on `mesh`, and the coverage reporter, as a consumer gets them from the packed package. */
jest.setTimeout(180_000);

let packed: PackedPackage;
let project: ConsumerProject;

beforeAll(async () => {
  packed = await packPackage();
  project = await ConsumerProject.create(packed, 'testing-parts', [...devToolVersions(), `vitest@${devVersion('vitest')}`]);
}, 300_000);

afterAll(() => packed?.dispose());

test('the fixture files pass on 2 workers, and the reporter prints and writes the merged coverage', async () => {
  const result = await project.jest('testing-parts', ['--maxWorkers=2']);
  const failures = result.report.testResults.flatMap((file) => file.assertionResults.filter((a) => a.status !== 'passed').map((a) => `${a.title}: ${a.failureMessages.join('\n')}`));
  expect(failures).toEqual([]);
  expect(result.report.numPassedTests).toBe(5);
  expect(result.stderr).toContain('Mesh contract coverage');
  expect(result.stderr).toMatch(/✗ mutation deleteNotionModel/);
  const coverage = JSON.parse(readFileSync(join(project.root, 'testing-parts', 'mesh-coverage.json'), 'utf8'));
  expect(coverage.routes.exercised['POST /api/content/:type']).toBe(6);
  expect(coverage.graphqlOperations.exercised).toEqual({ 'query notionModel': 1 });
  expect(coverage.errorCodes.exercised).toEqual({ '500 CONTENT_CREATE_ERR': 1, '401 UNAUTHORIZED': 1 });
});

test('under Vitest, the twin reporter prints and writes the coverage merged over its emulators', async () => {
  const result = await project.bin('vitest', ['run', '--maxWorkers=2'], 'testing-parts');
  expect(`${result.stdout}\n${result.stderr}`).toMatch(/Tests {2}3 passed \(3\)/);
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/Mesh contract coverage \(2 emulators\)/);
  expect(result.stderr).toMatch(/✗ mutation deleteNotionModel/);
  const coverage = JSON.parse(readFileSync(join(project.root, 'testing-parts', 'mesh-coverage-vitest.json'), 'utf8'));
  expect(coverage.workers).toBe(2);
  expect(coverage.routes.exercised['POST /api/content/:type']).toBe(5);
  expect(coverage.graphqlOperations.exercised).toEqual({ 'query notionModel': 1 });
  expect(coverage.errorCodes.exercised).toEqual({ '500 CONTENT_CREATE_ERR': 1, '401 UNAUTHORIZED': 1 });
});

function devVersion(name: string): string {
  return (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[name]!;
}
