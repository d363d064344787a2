import { createHash } from 'node:crypto';

/**
 * What a template database holds besides the notion_blocks table (which Sequelize creates from the
 * model): the service's indexes, and the functions and operators the filter SQL calls under the
 * same names as on pg-mem (pg-mem-extensions.ts), so src/content builds one SQL for both. Each is
 * written so that PostgreSQL can inline it: `mesh_in_list(id, $1::jsonb)` plans as
 * `id = ANY('{...}')`, since the array builders are IMMUTABLE and folded at plan time.
 *
 * Built-in PostgreSQL already has `?`, `@>`, `<@`, `jsonb_typeof`, `jsonb_cmp` and
 * `gen_random_uuid`; `?|` and `?&` get a jsonb right-hand side (the filter compiler binds a JSON
 * array for them, as pg-mem has no text[] operator arguments) next to PostgreSQL's text[] ones.
 */
const FUNCTIONS = `
CREATE FUNCTION mesh_text_array(jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT e FROM jsonb_array_elements_text($1) e WHERE e IS NOT NULL) $$;
CREATE FUNCTION mesh_jsonb_array(jsonb) RETURNS jsonb[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT jsonb_array_elements($1)) $$;
CREATE FUNCTION mesh_singleton_arrays(jsonb) RETURNS jsonb[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT jsonb_build_array(e) FROM jsonb_array_elements($1) e) $$;
CREATE FUNCTION mesh_numeric_array(jsonb) RETURNS numeric[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT e::numeric FROM jsonb_array_elements($1) e WHERE jsonb_typeof(e) = 'number') $$;
CREATE FUNCTION mesh_timestamptz_array(jsonb) RETURNS timestamptz[] LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT e::timestamptz FROM jsonb_array_elements_text($1) e WHERE e IS NOT NULL) $$;

CREATE FUNCTION mesh_in_list(text, jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT $1 = ANY (mesh_text_array($2)) $$;
CREATE FUNCTION mesh_in_list(integer, jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT $1 = ANY (mesh_numeric_array($2)) $$;
CREATE FUNCTION mesh_in_list(timestamptz, jsonb) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT $1 = ANY (mesh_timestamptz_array($2)) $$;
CREATE FUNCTION mesh_in_list(jsonb, jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT $1 = ANY (mesh_jsonb_array($2)) $$;
CREATE FUNCTION mesh_has_some(jsonb, jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT $1 @> ANY (mesh_singleton_arrays($2)) $$;

CREATE FUNCTION mesh_jsonb_text(jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1::text $$;
CREATE FUNCTION mesh_contains(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT strpos($1, $2) > 0 $$;
CREATE FUNCTION mesh_starts_with(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT starts_with($1, $2) $$;
CREATE FUNCTION mesh_ends_with(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT right($1, length($2)) = $2 $$;
CREATE FUNCTION mesh_icontains(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT strpos(lower($1), lower($2)) > 0 $$;

CREATE FUNCTION mesh_has_any_key(jsonb, jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT $1 ?| mesh_text_array($2) $$;
CREATE FUNCTION mesh_has_every_key(jsonb, jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT $1 ?& mesh_text_array($2) $$;
CREATE OPERATOR ?| (LEFTARG = jsonb, RIGHTARG = jsonb, FUNCTION = mesh_has_any_key);
CREATE OPERATOR ?& (LEFTARG = jsonb, RIGHTARG = jsonb, FUNCTION = mesh_has_every_key);
`;

/** The service's indexes (mesh-contract.md), GIN included; pg-mem gets single-column b-trees instead. */
export const SERVICE_INDEXES = [
  { fields: ['page_id', 'type'] },
  { fields: ['parent_id', 'type'] },
  { fields: ['page_id', 'order'] },
  { fields: ['indexer'], using: 'gin' },
  { fields: ['content'], using: 'gin' },
];

/**
 * What restoreBaseline() returns to, kept in the worker's own database: a copy of the rows and
 * the id sequence's position, so a reset is one server-side statement batch with no values.
 */
export const BASELINE_TABLES = `
DROP TABLE IF EXISTS mesh_baseline_rows, mesh_baseline_sequence;
CREATE TABLE mesh_baseline_rows AS SELECT * FROM notion_blocks;
CREATE TABLE mesh_baseline_sequence AS SELECT last_value, is_called FROM notion_blocks_id_seq;
`;

export const RESTORE_BASELINE = `
BEGIN;
DELETE FROM notion_blocks;
INSERT INTO notion_blocks SELECT * FROM mesh_baseline_rows;
SELECT setval('notion_blocks_id_seq', last_value, is_called) FROM mesh_baseline_sequence;
COMMIT;
`;

export const TEMPLATE_SQL = FUNCTIONS;

/** Changes with the schema, so a template left by an older version of the package is never reused. */
export const SCHEMA_VERSION = createHash('sha256').update(FUNCTIONS).update(JSON.stringify(SERVICE_INDEXES)).digest('hex').slice(0, 12);
