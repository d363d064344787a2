/**
 * The parts of the contract (/work/shared/mesh-contract.md, docs/rest.md) a suite can exercise:
 * what the coverage report lists as exercised or never exercised.
 */
export const CONTRACT = {
  routes: [
    'GET /health',
    'GET /api/definition/:type',
    'POST /api/definition',
    'POST /api/content/:type',
    'GET /api/content/:type/:id',
    'GET /api/content/:type',
    'PATCH /api/content/:type/:id',
    'PUT /api/content/:type/:id',
    'DELETE /api/content/:type/:id',
    'POST /graphql',
  ],
  graphqlOperations: [
    'query notionModel',
    'query notionModelByPageId',
    'mutation createNotionModel',
    'mutation bulkCreateNotionModel',
    'mutation updateNotionModel',
    'mutation replaceNotionModel',
    'mutation deleteNotionModel',
  ],
  whereOperators: [
    ...['AND', 'OR'].map((op) => `REST ${op}`),
    ...['eq', 'equals', 'ne', 'contains', 'containedBy', 'has', 'hasSome', 'hasEvery', 'hasNone', 'hasKey', 'hasAnyKeys', 'hasAllKeys', 'typed']
      .map((op) => `REST indexer.${op}`),
    ...['eq', 'ne', 'in', 'nin', 'contains', 'containedBy', 'lt', 'lte', 'gt', 'gte', 'between', 'like', 'startsWith', 'endsWith']
      .map((op) => `REST column.${op}`),
    ...['AND', 'OR'].map((op) => `GraphQL ${op}`),
    ...['eq', 'equals', 'ne', 'contains', 'containedBy', 'has', 'hasSome', 'hasEvery', 'hasNone', 'hasKey', 'hasAnyKeys', 'hasAllKeys', 'typed', 'not']
      .map((op) => `GraphQL indexer.${op}`),
    ...['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains'].map((op) => `GraphQL contentJsonb.${op}`),
    ...['eq', 'ne', 'in', 'contains', 'startsWith', 'endsWith', 'like'].map((op) => `GraphQL content.${op}`),
    ...['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'like', 'contains', 'startsWith', 'endsWith'].map((op) => `GraphQL column.${op}`),
  ],
  /** `<status> <code>`; `-` where the service sends no code. */
  errorCodes: [
    '400 MISSING_DEFINITION',
    '400 INVALID_DEFINITION_TYPE',
    '400 MISSING_REQUIRED_FIELD',
    '400 INVALID_DATA_MODEL',
    '400 INVALID_BLOCK',
    '400 INVALID_JSON_SCHEMA',
    '400 INVALID_SCHEMA_TYPE',
    '400 INVALID_SCHEMA_PROPERTIES',
    '404 NOT_FOUND',
    '400 -',
    '500 CONTENT_CREATE_ERR',
    '404 -',
    '400 BAD_WHERE',
    '400 BAD_TYPE_ID',
    '401 UNAUTHORIZED',
  ],
} as const;

export type CoverageCategory = keyof typeof CONTRACT;

/** The route pattern a request matched, or undefined for paths outside the contract (/test, /docs). */
export function routeOf(method: string, path: string): string | undefined {
  const shape = path
    .replace(/^\/api\/content\/[^/]+\/[^/]+$/, '/api/content/:type/:id')
    .replace(/^\/api\/content\/[^/]+$/, '/api/content/:type')
    .replace(/^\/api\/definition\/[^/]+$/, '/api/definition/:type');
  const route = `${method.toUpperCase()} ${shape.replace(/\/$/, '') || '/'}`;
  return (CONTRACT.routes as readonly string[]).includes(route) ? route : undefined;
}
