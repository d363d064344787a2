// The Order content type: jest.config.js lists it in testEnvironmentOptions.tenantDefinitions, so
// mesh.factories.tenant() registers it for every tenant it creates.
module.exports = {
  name: 'Order',
  dataModel: {
    block: 'Order', // the type name: content('Order')
    jsonSchema: {
      type: 'object',
      properties: {
        number: { type: 'string' },
        tenantId: { type: 'string' },
        customerId: { type: 'string' },
        status: { type: 'string', enum: ['open', 'paid', 'shipped'] },
        total: { type: 'number' },
        shipTo: { type: 'object', properties: { name: { type: 'string' }, country: { type: 'string' } } },
      },
      required: ['number', 'tenantId', 'customerId', 'status', 'total'],
    },
    // Copied into the row's indexer, where `where: { indexer: { path, ... } }` filters run; dotted paths allowed.
    indexer: ['number', 'tenantId', 'status', 'shipTo.country'],
    // The row's parent_id is the record's customerId (a UUID): `where: { parent_id: { eq: customerId } }`.
    parent: { type: 'field', field: 'customerId' },
  },
};
