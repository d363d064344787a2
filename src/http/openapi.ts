/** The OpenAPI document the service publishes at /docs/docs.json, for the REST surface the emulator serves. */
export function openApiDocument(): Record<string, unknown> {
  const envelope = (data: Record<string, unknown>) => ({
    type: 'object', required: ['success', 'data'],
    properties: { success: { type: 'boolean', enum: [true] }, data },
  });
  const failure = { $ref: '#/components/schemas/Failure' };
  const responses = (ok: Record<string, unknown>, ...codes: number[]) => ({
    200: { description: 'Success', content: { 'application/json': { schema: ok } } },
    ...Object.fromEntries(codes.map((code) => [code, { description: 'Failure', content: { 'application/json': { schema: failure } } }])),
  });
  const item = { $ref: '#/components/schemas/Item' };
  const type = { name: 'type', in: 'path', required: true, schema: { type: 'string' } };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const tenant = { name: 'tenant', in: 'query', required: false, schema: { type: 'string' }, description: 'Tenant UUID (ignored when the JWT has a tenant claim)' };
  const contentBody = { required: true, content: { 'application/json': { schema: { type: 'object', required: ['content'], properties: { content: { type: 'object' } } } } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Mesh content API (jest-environment-mesh emulator)', version: '1.0.0' },
    servers: [{ url: '/api' }],
    components: {
      securitySchemes: {
        meshSecret: { type: 'apiKey', in: 'header', name: 'x-mesh-secret' },
        botControlSecret: { type: 'apiKey', in: 'header', name: 'x-bot-control-secret' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
      schemas: {
        Item: { type: 'object', required: ['_id'], properties: { _id: { type: 'string', format: 'uuid' } }, additionalProperties: true },
        Failure: {
          type: 'object', required: ['success', 'error'],
          properties: { success: { type: 'boolean', enum: [false] }, error: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, code: { type: 'string', description: 'Absent where the service sends none: a missing content body, an absent item' }, details: {} } } },
        },
      },
    },
    security: [{ meshSecret: [] }, { botControlSecret: [] }, { bearer: [] }],
    paths: {
      '/definition': { post: { summary: 'Register or replace a content definition', parameters: [tenant], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { definition: { type: 'object' } } } } } }, responses: responses(envelope({ type: 'object' }), 400, 401) } },
      '/definition/{type}': { get: { summary: 'Get the definition of a content type', parameters: [type, tenant], responses: responses(envelope({ type: 'object' }), 400, 401, 404) } },
      '/content/{type}': {
        get: {
          summary: 'List records of a type',
          parameters: [type, tenant,
            { name: 'limit', in: 'query', schema: { type: 'integer', default: 25, minimum: 1 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', default: 0, minimum: 0 } },
            { name: 'page_id', in: 'query', schema: { type: 'string', format: 'uuid' } },
            { name: 'where', in: 'query', schema: { type: 'string' }, description: 'URL-encoded JSON filter: AND/OR, indexer {path, op}, column operators' }],
          responses: responses({ ...envelope({ type: 'array', items: item }), properties: { success: { type: 'boolean' }, data: { type: 'array', items: item }, total: { type: 'integer' }, hasMore: { type: 'boolean' } } }, 400, 401),
        },
        post: { summary: 'Create a record', parameters: [type, tenant], requestBody: contentBody, responses: responses(envelope(item), 400, 401, 500) },
      },
      '/content/{type}/{id}': {
        get: { summary: 'Get one record', parameters: [type, id, tenant], responses: responses(envelope(item), 401, 404) },
        patch: { summary: 'Shallow-merge into a record', parameters: [type, id, tenant], requestBody: contentBody, responses: responses(envelope(item), 400, 401, 404) },
        put: { summary: 'Replace a record', parameters: [type, id, tenant], requestBody: contentBody, responses: responses(envelope(item), 400, 401, 404) },
        delete: { summary: 'Delete a record', parameters: [type, id, tenant], responses: responses(envelope({ type: 'object', properties: { deleted: { type: 'boolean' } } }), 400, 401, 404) },
      },
    },
  };
}
