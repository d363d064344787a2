/**
 * @jest-environment-options {"env": {"MESH_ENDPOINT": "url", "MESH_GRAPHQL_URL": "graphqlUrl", "MESH_PORT": "port", "BOT_CONTROL_SHARED_SECRET": false}}
 */

const before = { ...process.env };

test('a file’s docblock can remap and add variables for that file alone', () => {
  expect(before.MESH_ENDPOINT).toBe(mesh.url);
  expect(before.MESH_GRAPHQL_URL).toBe(mesh.graphqlUrl);
  expect(before.MESH_PORT).toBe(String(mesh.port));
  // The defaults this docblock does not mention stay.
  expect(before.MESH_API_ENDPOINT).toBe(mesh.apiUrl);
});
