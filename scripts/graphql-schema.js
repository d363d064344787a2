// Prints the GraphQL schema the emulator serves (src/graphql/schema.ts) as SDL, for
// docs/schema.graphql. `node scripts/graphql-schema.js --write` regenerates the file; a unit test
// (__tests__/unit/graphql-schema-doc.test.ts) fails when the file and the code differ.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { buildSchema, printSchema } = require('graphql');

const SCHEMA_FILE = join(__dirname, '..', 'docs', 'schema.graphql');
const REGENERATE = 'node scripts/graphql-schema.js --write';

const HEADER = [
  '# The GraphQL schema served at POST /graphql, generated from src/graphql/schema.ts.',
  `# Do not edit: run \`${REGENERATE}\` after changing the schema.`,
  '',
].join('\n');

/** The SDL document for a typeDefs string: printSchema's canonical form, under the header. */
function schemaDocument(typeDefs) {
  return `${HEADER}\n${printSchema(buildSchema(typeDefs))}\n`;
}

module.exports = { schemaDocument, SCHEMA_FILE, REGENERATE };

if (require.main === module) {
  const document = schemaDocument(loadTypeDefs());
  if (process.argv.includes('--write')) writeFileSync(SCHEMA_FILE, document);
  else process.stdout.write(document);
}

// Read the TypeScript source directly, so this works in a fresh clone before any build.
function loadTypeDefs() {
  const ts = require('typescript');
  const source = readFileSync(join(__dirname, '..', 'src', 'graphql', 'schema.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputText)(module, module.exports, require);
  return module.exports.typeDefs;
}
