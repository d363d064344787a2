/** Any value JSON can carry; what `where` compares against. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A filter on the `indexer` JSONB column. `path` names an indexed field (dotted paths allowed);
 * give at least one operator.
 */
export interface MeshIndexerFilter {
  path: string;
  /** JSONB containment of `{ [path]: value }`. */
  eq?: JsonValue;
  /** Same as `eq`. */
  equals?: JsonValue;
  ne?: JsonValue;
  /** Case-insensitive substring of the text value. */
  contains?: string;
  containedBy?: JsonValue;
  /** The array at `path` holds this value. */
  has?: JsonValue;
  hasSome?: JsonValue[];
  hasEvery?: JsonValue[];
  hasNone?: JsonValue[];
  /** The object at `path` has this key, or the array at `path` holds this string. */
  hasKey?: string;
  hasAnyKeys?: string[];
  hasAllKeys?: string[];
  typed?: JsonValue;
}

export type MeshColumnValue = string | number | boolean | null;

/** Operators on a column (`page_id`, `parent_id`, ...) or on a dotted `content.<field>` path. */
export interface MeshColumnOperators {
  eq?: MeshColumnValue;
  ne?: MeshColumnValue;
  in?: MeshColumnValue[];
  nin?: MeshColumnValue[];
  contains?: JsonValue;
  containedBy?: JsonValue;
  lt?: string | number;
  lte?: string | number;
  gt?: string | number;
  gte?: string | number;
  between?: [string | number, string | number];
  like?: string;
  startsWith?: string;
  endsWith?: string;
}

/** An operator object, or a plain value meaning `eq`. `{ eq: 'any' }` on `parent_id` means no filter. */
export type MeshColumnCondition = MeshColumnValue | MeshColumnOperators;

/**
 * The `where` of `GET /api/content/:type`, as the contract defines it. Keys given together must all
 * hold; `AND`/`OR` (either case) take non-empty arrays and nest.
 *
 * @example { AND: [{ indexer: { path: 'tenantId', equals: tenantId } }, { parent_id: { eq: userId } }] }
 */
export interface MeshWhere {
  AND?: MeshWhere[];
  OR?: MeshWhere[];
  and?: MeshWhere[];
  or?: MeshWhere[];
  indexer?: MeshIndexerFilter;
  id?: MeshColumnCondition;
  page_id?: MeshColumnCondition;
  parent_id?: MeshColumnCondition;
  block_id?: MeshColumnCondition;
  type?: MeshColumnCondition;
  order?: MeshColumnCondition;
  version?: MeshColumnCondition;
  createdAt?: MeshColumnCondition;
  updatedAt?: MeshColumnCondition;
  /** A field of the stored content, e.g. `'content.title'`. */
  [contentPath: `content.${string}`]: MeshColumnCondition | undefined;
  /** A field of the indexer, e.g. `'indexer.tenantId'`. */
  [indexerPath: `indexer.${string}`]: MeshColumnCondition | undefined;
}
