import { postgresJsonbText } from '../../src/db/pg-mem/extensions';

describe('postgresJsonbText prints jsonb as PostgreSQL does', () => {
  test.each([
    [{ bb: 1, a: [1, 'x', null, true], c: { z: 1, yy: 2 } }, '{"a": [1, "x", null, true], "c": {"z": 1, "yy": 2}, "bb": 1}'],
    [[], '[]'],
    [{}, '{}'],
    ['quote " and \\ backslash', '"quote \\" and \\\\ backslash"'],
    [{ é: 1, e: 2 }, '{"e": 2, "é": 1}'],
  ])('%j', (value, expected) => {
    expect(postgresJsonbText(value)).toBe(expected);
  });
});
