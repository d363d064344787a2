import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, formatReport, readCoverage, writeCoverage } from '../../src/contract-coverage/report';
import { registerTenant, useServer, where } from '../support/http';

describe('contract coverage', () => {
  const ctx = useServer();

  test('GET /test/coverage counts routes, GraphQL operations, where operators and error answers', async () => {
    const tenant = await registerTenant(ctx.call);
    await ctx.call('POST', `/api/content/Notes?tenant=${tenant}`, { content: { title: 'a', mode: 'work', tenantId: tenant } });
    await ctx.call('GET', `/api/content/Notes?tenant=${tenant}&where=${where({ AND: [{ indexer: { path: 'title', contains: 'a' } }, { page_id: { in: [] } }] })}`);
    await ctx.call('GET', `/api/content/Notes?where=${where({ colour: 1, x: [] })}`);
    await ctx.call('GET', `/api/content/Notes/${tenant}`);
    await ctx.call('POST', '/graphql', {
      query: 'query Q($w: NotionModelFilter) { notionModel(where: $w) { id } ... on Query { notionModelByPageId(page_id: "x") { id } } }',
      variables: { w: { OR: [{ indexer: { path: 'title', hasKey: 'a' } }, { type: { startsWith: 'N' } }] } },
    });
    const coverage = (await ctx.call('GET', '/test/coverage')).body.data;
    expect(coverage.routes).toMatchObject({ 'POST /api/definition': 3, 'POST /api/content/:type': 1, 'GET /api/content/:type': 2, 'GET /api/content/:type/:id': 1, 'POST /graphql': 1 });
    expect(coverage.routes['GET /test/coverage']).toBeUndefined();
    expect(coverage.graphqlOperations).toEqual({ 'query notionModel': 1, 'query notionModelByPageId': 1 });
    expect(coverage.whereOperators).toEqual({
      'REST AND': 1, 'REST indexer.contains': 1, 'REST column.in': 1,
      'GraphQL OR': 1, 'GraphQL indexer.hasKey': 1, 'GraphQL column.startsWith': 1,
    });
    expect(coverage.errorCodes).toEqual({ '400 BAD_WHERE': 1, '404 -': 1 });
  });

  test('workers\' files merge into one report: exercised with counts, never exercised, and codes outside the list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-coverage-test-'));
    writeCoverage(dir, 'a', { routes: { 'GET /health': 2 }, graphqlOperations: {}, whereOperators: {}, errorCodes: { '400 INVALID_TENANT_ID': 1 } });
    writeCoverage(dir, 'b', { routes: { 'GET /health': 1, 'POST /graphql': 1 }, graphqlOperations: { 'query notionModel': 1 }, whereOperators: {}, errorCodes: {} });
    const { snapshot, workers } = readCoverage(dir);
    const report = buildReport(snapshot, workers);
    expect(report.routes.exercised).toEqual({ 'GET /health': 3, 'POST /graphql': 1 });
    expect(report.routes.never).toHaveLength(8);
    expect(report.errorCodes.other).toEqual({ '400 INVALID_TENANT_ID': 1 });
    const text = formatReport(report);
    expect(text).toContain('Mesh contract coverage (2 emulators)');
    expect(text).toContain('  Routes: 2/10 exercised\n    ✓ GET /health (3)\n    ✓ POST /graphql (1)\n    ✗ GET /api/definition/:type');
    expect(text).toContain('    + 400 INVALID_TENANT_ID (1, not in the contract\'s list)');
  });
});
