/** How a record's parent_id is derived: none, a fixed id, or the value of one of its fields. */
export type ParentRule = { type: 'none' } | { type: 'id'; id: string } | { type: 'field'; field: string };

export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean | Record<string, unknown>;
  [key: string]: unknown;
}

export interface DataModel {
  /** The type name stored in `type`. */
  block: string;
  jsonSchema: JsonSchemaObject;
  /** Field names (dotted paths allowed) copied into `indexer`, where filters run. */
  indexer?: string[];
  parent?: ParentRule;
}

/** A content definition, as POST /api/definition takes it and GET /api/definition/:type returns it. */
export interface DefinitionObject {
  name: string;
  description?: string;
  tenantId?: string;
  dataModel: DataModel;
  uiConfig?: unknown;
  access?: { tenantRole?: string; allowAnonymous?: boolean };
  [key: string]: unknown;
}

/** A definition as returned by the API: with the `_id` of its DynamicContent record. */
export type StoredDefinition = DefinitionObject & { _id: string };
