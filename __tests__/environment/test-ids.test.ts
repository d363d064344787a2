import { v5 } from 'uuid';
import { TestIdSource } from '../../environment/test-ids';
import { uuidV5 } from '../../src/testkit/test-ids';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function idsFor(file: string, scopes: string[], perScope = 2): string[] {
  const source = new TestIdSource(file);
  return scopes.flatMap((scope) => {
    source.enter(scope);
    return Array.from({ length: perScope }, () => source.next());
  });
}

describe('TestIdSource', () => {
  test('gives the same ids for the same file, test and call order on every run', () => {
    const first = idsFor('__tests__/a.test.ts', ['suite > creates', 'suite > lists']);
    expect(idsFor('__tests__/a.test.ts', ['suite > creates', 'suite > lists'])).toEqual(first);
    for (const id of first) expect(id).toMatch(UUID_V5);
  });

  test('never repeats an id across calls, tests or files', () => {
    const ids = [
      ...idsFor('__tests__/a.test.ts', ['one', 'two', 'one'], 5),
      ...idsFor('__tests__/b.test.ts', ['one', 'two'], 5),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a test that runs again (retry, or a duplicate name) continues its counter instead of repeating ids', () => {
    const source = new TestIdSource('x.test.ts');
    source.enter('flaky');
    const firstAttempt = source.next();
    source.enter('flaky');
    expect(source.next()).not.toBe(firstAttempt);
  });

  test('ids are the uuid package\'s v5 of the same name, so ids saved before it was dropped still match', () => {
    const namespace = '3d6f5c8e-2b1a-4c7e-9f0d-6a8b1e4c2d7f';
    for (const name of ['a.test.ts\n(file)\n1', 'suite > é ✓ \u{1F600}\nscope\n42', '']) expect(uuidV5(name, namespace)).toBe(v5(name, namespace));
    const source = new TestIdSource('__tests__/a.test.ts');
    source.enter('suite > creates');
    expect(source.next()).toBe(v5('__tests__/a.test.ts\nsuite > creates\n1', namespace));
  });
});
