import { MeshApiError, isMeshApiError } from '../../src/client';
import { describeMeshApiError } from '../../src/client/errors';

const base = { status: 500, code: 'CONTENT_CREATE_ERR', message: 'Internal error: Content definition for type "Notes" not found.', method: 'POST', url: 'http://h/api/content/Notes' };

describe('what a MeshApiError prints', () => {
  test('status, code, the service message and details.hint', () => {
    const error = new MeshApiError({ ...base, details: { hint: 'Notes is tenant-scoped' } });
    const printed = 'MeshApiError [500 CONTENT_CREATE_ERR] Internal error: Content definition for type "Notes" not found. — hint: Notes is tenant-scoped';
    expect(String(error)).toBe(printed);
    expect(error.stack?.split('\n')[0]).toBe(printed);
    expect(error.message).toBe(base.message);
  });

  test('no hint part when details has none, or an empty or non-string one', () => {
    for (const details of [undefined, null, 'text', { hint: '' }, { hint: 42 }, { other: 1 }]) {
      expect(String(new MeshApiError({ ...base, details }))).toBe(`MeshApiError [500 CONTENT_CREATE_ERR] ${base.message}`);
    }
  });

  test('a network error has no status to print', () => {
    const error = new MeshApiError({ ...base, status: 0, code: 'NETWORK_ERROR', message: 'GET x failed', details: undefined });
    expect(String(error)).toBe('MeshApiError [NETWORK_ERROR] GET x failed');
  });

  test('a GraphQL failure prints the hint of the first error (extensions.details.hint)', () => {
    const details = [{ message: 'm', extensions: { code: 'CONTENT_CREATE_ERR', details: { hint: 'register it' } } }, { message: 'second' }];
    expect(String(new MeshApiError({ ...base, details }))).toMatch(/ — hint: register it$/);
  });

  test('a message with line breaks keeps the stack frames after the decorated header', () => {
    const error = new MeshApiError({ ...base, message: 'line one\nline two', details: { hint: 'h' } });
    expect(error.stack).toMatch(/^MeshApiError \[500 CONTENT_CREATE_ERR\] line one\nline two — hint: h\n {4}at /);
  });

  test('the stack is not enumerable, so toJSON and spreading keep to the data fields', () => {
    const error = new MeshApiError({ ...base, details: { hint: 'h' } });
    expect(Object.keys(error)).not.toContain('stack');
    expect(Object.keys(JSON.parse(JSON.stringify(error))).sort()).toEqual(['code', 'details', 'message', 'method', 'name', 'status', 'url']);
  });

  test('an error that crossed a realm as plain data prints the same', () => {
    const error = new MeshApiError({ ...base, details: { hint: 'h' } });
    const plain: unknown = JSON.parse(JSON.stringify(error));
    expect(isMeshApiError(plain) && describeMeshApiError(plain)).toBe(String(error));
  });
});
