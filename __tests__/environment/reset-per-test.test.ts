/**
 * @jest-environment-options {"reset": "test"}
 */
async function tenantNames(): Promise<string[]> {
  return (await mesh.client.content<{ name: string }>('Tenant').list()).items.map((t) => t.name);
}

describe('reset: "test" from the docblock', () => {
  beforeEach(async () => {
    await mesh.factories.tenant({ name: 'seeded in beforeEach' });
  });

  test('a test writes a tenant', async () => {
    await mesh.factories.tenant({ name: 'written by the first test' });
    expect(await tenantNames()).toEqual(['seeded in beforeEach', 'written by the first test']);
  });

  test('the next test sees only what its own beforeEach seeded', async () => {
    expect(await tenantNames()).toEqual(['seeded in beforeEach']);
  });
});
