import { readFileSync } from 'node:fs';
import { typeDefs } from '../../src/graphql/schema';

// The generator is a plain Node script, so it runs in a fresh clone with no build.
const { schemaDocument, SCHEMA_FILE, REGENERATE } = require('../../scripts/graphql-schema.js') as {
  schemaDocument(typeDefs: string): string;
  SCHEMA_FILE: string;
  REGENERATE: string;
};

test('docs/schema.graphql is the SDL of the schema the emulator serves', () => {
  const expected = schemaDocument(typeDefs);
  const actual = readFileSync(SCHEMA_FILE, 'utf8');
  if (actual !== expected) {
    throw new Error(`docs/schema.graphql differs from src/graphql/schema.ts: run \`${REGENERATE}\` and commit the result`);
  }
});

test('the document names the operations of the contract', () => {
  const document = readFileSync(SCHEMA_FILE, 'utf8');
  for (const field of ['notionModel(', 'notionModelByPageId(', 'createNotionModel(', 'bulkCreateNotionModel(', 'updateNotionModel(', 'replaceNotionModel(', 'deleteNotionModel(']) {
    expect(document).toContain(field);
  }
});
