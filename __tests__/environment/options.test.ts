import { docblockOptionsOf, resolveEnvironmentOptions } from '../../environment/options';

const notes = { name: 'Extra', dataModel: { block: 'Extra', jsonSchema: { type: 'object', properties: {} } } };

interface Rejection { message: string; name: string; code: string; problems: string[] }

function rejectionOf(input: unknown, docblock?: { options: unknown; file: string }): Rejection {
  try {
    resolveEnvironmentOptions(input, docblock);
  } catch (error) {
    const { message, name, code, problems } = error as Rejection;
    return { message, name, code, problems };
  }
  throw new Error('expected the options to be rejected');
}

describe('resolveEnvironmentOptions', () => {
  test('fills every default', () => {
    const options = resolveEnvironmentOptions(undefined);
    expect(options).toMatchObject({ reset: 'file', basePort: undefined, showRequestsOnFailure: false, tenantDefinitions: [] });
    expect(options.server).toMatchObject({ port: 0, auth: 'enforce', strict: false, definitions: [] });
    expect(options.server.secrets).toEqual({ mesh: 'test-mesh-secret', botControl: 'test-bot-secret', jwtSigningKey: 'test-mesh-secret' });
  });

  test('passes the emulator options through', () => {
    const options = resolveEnvironmentOptions({ reset: 'none', basePort: 4100, secrets: { mesh: 's' }, auth: 'off', strict: true, tenantDefinitions: [notes] });
    expect(options).toMatchObject({ reset: 'none', basePort: 4100, tenantDefinitions: [notes] });
    expect(options.server).toMatchObject({ auth: 'off', strict: true, secrets: { mesh: 's', jwtSigningKey: 's' } });
  });

  test.each([
    [{ reset: 'suite' }, 'testEnvironmentOptions.reset must be one of "file" | "test" | "none", got "suite"'],
    [{ basePort: 3.5 }, 'testEnvironmentOptions.basePort must be an integer from 1 to 65000 (port = basePort + workerId), got number 3.5'],
    [{ basePort: '4000' }, 'testEnvironmentOptions.basePort must be an integer'],
    [{ showRequestsOnFailure: 'yes' }, 'testEnvironmentOptions.showRequestsOnFailure must be true or false, got "yes"'],
    [{ tenantDefinitions: {} }, 'testEnvironmentOptions.tenantDefinitions must be an array of definition objects, got an object'],
    [{ tenantDefinitions: [{ name: 'X' }] }, 'testEnvironmentOptions.tenantDefinitions[0]: definition.name and definition.dataModel are required'],
    [{ auth: 'sometimes' }, 'testEnvironmentOptions.auth must be one of "enforce" | "off", got "sometimes"'],
    [{ secrets: { mesh: '' } }, 'testEnvironmentOptions.secrets.mesh must be a non-empty string'],
    [{ strict: 1 }, 'testEnvironmentOptions.strict must be true or false'],
    [{ port: 4000 }, 'testEnvironmentOptions.port is not a known option; known options are "reset", "showRequestsOnFailure"'],
    [[], 'testEnvironmentOptions must be an object, got an array'],
  ])('rejects %j', (input, expected) => {
    const error = rejectionOf(input);
    expect(error.message).toContain(expected);
    expect(error).toMatchObject({ name: 'MeshOptionsError', code: 'INVALID_OPTIONS', problems: [error.message] });
  });

  test('reports every problem at once, each with its full key', () => {
    const error = rejectionOf({
      reset: 'suite', basePort: 0, colour: 'red', secrets: { mesh: 1, bot: 'x' }, host: '', env: { MESH_ENDPOINT: 'graphql' },
      tenantDefinitions: [notes, { name: 'X' }], definitions: [{ name: 'Y' }],
    });
    expect(error.problems).toEqual([
      // The list grows with each worker option (database, seed, clock...); its start is what matters here.
      expect.stringMatching(/^testEnvironmentOptions\.colour is not a known option; known options are "reset", "showRequestsOnFailure", "tenantDefinitions", "env", "basePort", "host", "secrets", "auth", "definitions", "strict"(, "\w+")*$/),
      'testEnvironmentOptions.reset must be one of "file" | "test" | "none", got "suite"',
      'testEnvironmentOptions.basePort must be an integer from 1 to 65000 (port = basePort + workerId), got number 0',
      'testEnvironmentOptions.tenantDefinitions[1]: definition.name and definition.dataModel are required (MISSING_REQUIRED_FIELD)',
      'testEnvironmentOptions.env.MESH_ENDPOINT must be one of "graphqlUrl" | "apiUrl" | "url" | "port" | "meshSecret" | "botControlSecret" | false, got "graphql"',
      'testEnvironmentOptions.host must be a non-empty host name or address, got ""',
      'testEnvironmentOptions.secrets.bot is not a known option; known options are "mesh", "botControl", "jwtSigningKey"',
      'testEnvironmentOptions.secrets.mesh must be a non-empty string, got number 1',
      'testEnvironmentOptions.definitions[0]: definition.name and definition.dataModel are required (MISSING_REQUIRED_FIELD)',
    ]);
    expect(error.message).toBe(`9 option problems:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
    expect(error).toMatchObject({ name: 'MeshOptionsError', code: 'INVALID_OPTIONS' });
  });
});

describe('testEnvironmentOptions.env', () => {
  const defaults = { MESH_ENDPOINT: 'graphqlUrl', MESH_API_ENDPOINT: 'apiUrl', MESH_SHARED_SECRET: 'meshSecret', BOT_CONTROL_SHARED_SECRET: 'botControlSecret' };

  test('defaults to the four variables the Mesh clients read', () => {
    expect(resolveEnvironmentOptions({}).env).toEqual(defaults);
  });

  test('an entry adds or remaps a variable, false drops one, env: false drops them all', () => {
    expect(resolveEnvironmentOptions({ env: { MESH_URL: 'url', MESH_ENDPOINT: 'apiUrl', BOT_CONTROL_SHARED_SECRET: false } }).env).toEqual({
      MESH_ENDPOINT: 'apiUrl', MESH_API_ENDPOINT: 'apiUrl', MESH_SHARED_SECRET: 'meshSecret', MESH_URL: 'url',
    });
    expect(resolveEnvironmentOptions({ env: false }).env).toEqual({});
  });

  test.each([
    [true, 'testEnvironmentOptions.env must be false or an object mapping variable names to "graphqlUrl" | "apiUrl" | "url" | "port" | "meshSecret" | "botControlSecret" | false, got boolean true'],
    [['MESH_ENDPOINT'], 'testEnvironmentOptions.env must be false or an object mapping variable names to'],
    [{ 'MESH-URL': 'url' }, 'testEnvironmentOptions.env names a variable "MESH-URL"; a variable name is letters, digits and _, not starting with a digit'],
    [{ MESH_PORT: 4000 }, 'testEnvironmentOptions.env.MESH_PORT must be one of "graphqlUrl" | "apiUrl" | "url" | "port" | "meshSecret" | "botControlSecret" | false, got number 4000'],
  ])('rejects env %j', (env, expected) => {
    expect(rejectionOf({ env }).message).toContain(expected);
  });
});

describe('docblock options', () => {
  test('reads the JSON Jest leaves in the pragma', () => {
    expect(docblockOptionsOf({ 'jest-environment-options': '{"reset":"test"}' })).toEqual({ reset: 'test' });
    expect(docblockOptionsOf({})).toBeUndefined();
  });

  test('allows per-file keys and rejects keys fixed per worker, naming the file and every such key', () => {
    const file = '__tests__/a.test.ts';
    expect(resolveEnvironmentOptions({ reset: 'none', env: false }, { options: { reset: 'none', env: false }, file }).reset).toBe('none');
    // Jest has merged the docblock into the options by now, so its keys arrive in both.
    const docblock = { secrets: { mesh: 'x' }, host: '::1', reset: 'suite' };
    expect(rejectionOf(docblock, { options: docblock, file }).problems).toEqual([
      '@jest-environment-options in __tests__/a.test.ts sets "host", which is fixed per worker; set testEnvironmentOptions.host in the Jest config instead. A docblock may set "reset", "showRequestsOnFailure", "tenantDefinitions", "env"',
      '@jest-environment-options in __tests__/a.test.ts sets "secrets", which is fixed per worker; set testEnvironmentOptions.secrets in the Jest config instead. A docblock may set "reset", "showRequestsOnFailure", "tenantDefinitions", "env"',
      'testEnvironmentOptions.reset must be one of "file" | "test" | "none", got "suite"',
    ]);
  });
});
