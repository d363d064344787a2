// This repository runs the environment from TypeScript source; GraphQL is loaded lazily in the
// built package, and the lazy load must also work here (it answered 500 "Cannot find module").
test('a GraphQL POST to mesh.graphqlUrl is answered by this worker’s emulator', async () => {
  const tenant = await mesh.factories.tenant();
  const response = await fetch(mesh.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mesh-secret': mesh.secrets.mesh },
    body: JSON.stringify({
      query: 'query ($id: String!) { notionModelByPageId(page_id: $id) { page_id type } }',
      variables: { id: tenant._id },
    }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { notionModelByPageId: { page_id: tenant._id, type: 'Tenant' } } });
});
