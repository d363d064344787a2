import { docblockOptionsOf, rejectWorkerKeysInDocblock, resolveEnvironmentOptions } from '../../environment/options';

const notes = { name: 'Extra', dataModel: { block: 'Extra', jsonSchema: { type: 'object', properties: {} } } };

function messageOf(input: unknown): { message: string; name: string; code: string } {
  try {
    resolveEnvironmentOptions(input);
  } catch (error) {
    const { message, name, code } = error as { message: string; name: string; code: string };
    return { message, name, code };
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
    const error = messageOf(input);
    expect(error.message).toContain(expected);
    expect(error).toMatchObject({ name: 'MeshOptionsError', code: 'INVALID_OPTIONS' });
  });
});

describe('docblock options', () => {
  test('reads the JSON Jest leaves in the pragma', () => {
    expect(docblockOptionsOf({ 'jest-environment-options': '{"reset":"test"}' })).toEqual({ reset: 'test' });
    expect(docblockOptionsOf({})).toBeUndefined();
  });

  test('allows per-file keys and rejects keys fixed per worker, naming the file and the key', () => {
    expect(() => rejectWorkerKeysInDocblock({ reset: 'none', showRequestsOnFailure: true }, 'a.test.ts')).not.toThrow();
    expect(() => rejectWorkerKeysInDocblock({ secrets: { mesh: 'x' } }, '__tests__/a.test.ts')).toThrow(
      '@jest-environment-options in __tests__/a.test.ts sets "secrets", which is fixed per worker; set testEnvironmentOptions.secrets in the Jest config instead',
    );
  });
});
