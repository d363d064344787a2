/**
 * The statements Sequelize's sync() runs for the block model (../model.ts) with pg-mem's indexes,
 * word for word; __tests__/unit/pg-mem-schema.test.ts runs sync() and compares. Running them
 * directly spares every server start loading Sequelize (a third of start-up) and its connection
 * set-up and introspection queries, which pg-mem parses and compiles one by one.
 */
export const BLOCK_SCHEMA: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS "notion_blocks" ("id"  SERIAL , "block_id" UUID NOT NULL UNIQUE, "page_id" UUID NOT NULL, '
    + '"parent_id" UUID, "type" VARCHAR(255) NOT NULL, "content" JSONB, "indexer" JSONB NOT NULL DEFAULT \'{}\', "order" INTEGER, '
    + '"version" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, '
    + 'PRIMARY KEY ("id"));',
  'CREATE INDEX "notion_blocks_page_id" ON "notion_blocks" ("page_id");',
  'CREATE INDEX "notion_blocks_parent_id" ON "notion_blocks" ("parent_id");',
];
