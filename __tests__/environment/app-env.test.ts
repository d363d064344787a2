import { appEnvFor, DEFAULT_APP_ENV } from '../../src/testkit/app-env';

// Read while this file's modules load, as an application's client reads its configuration.
const atImport = {
  MESH_ENDPOINT: process.env.MESH_ENDPOINT,
  MESH_API_ENDPOINT: process.env.MESH_API_ENDPOINT,
  MESH_SHARED_SECRET: process.env.MESH_SHARED_SECRET,
  BOT_CONTROL_SHARED_SECRET: process.env.BOT_CONTROL_SHARED_SECRET,
};

describe('environment variables for the code under test', () => {
  test('are this worker’s emulator, already at import time', () => {
    expect(atImport).toEqual({
      MESH_ENDPOINT: `http://127.0.0.1:${mesh.port}/graphql`,
      MESH_API_ENDPOINT: `http://127.0.0.1:${mesh.port}/api`,
      MESH_SHARED_SECRET: mesh.secrets.mesh,
      BOT_CONTROL_SHARED_SECRET: mesh.secrets.botControl,
    });
  });

  // GraphQL through MESH_ENDPOINT is proven by the e2e test on the built package; from source,
  // graphql-from-source.test.ts sends it a request.
  test('MESH_API_ENDPOINT with MESH_SHARED_SECRET reaches this emulator', async () => {
    const tenant = await mesh.factories.tenant();
    const response = await fetch(`${process.env.MESH_API_ENDPOINT}/content/Tenant/${tenant._id}`, {
      headers: { 'x-mesh-secret': process.env.MESH_SHARED_SECRET! },
    });
    expect(response.status).toBe(200);
  });

  test('every value name maps to the emulator fact it names', () => {
    const source = { url: 'http://h:1', apiUrl: 'http://h:1/api', graphqlUrl: 'http://h:1/graphql', port: 1, secrets: { mesh: 'm', botControl: 'b' } };
    const mapping = { A: 'graphqlUrl', B: 'apiUrl', C: 'url', D: 'port', E: 'meshSecret', F: 'botControlSecret' } as const;
    expect(appEnvFor(source, mapping)).toEqual({ A: 'http://h:1/graphql', B: 'http://h:1/api', C: 'http://h:1', D: '1', E: 'm', F: 'b' });
    expect(appEnvFor(source, DEFAULT_APP_ENV)).toEqual({
      MESH_ENDPOINT: 'http://h:1/graphql', MESH_API_ENDPOINT: 'http://h:1/api', MESH_SHARED_SECRET: 'm', BOT_CONTROL_SHARED_SECRET: 'b',
    });
  });
});
