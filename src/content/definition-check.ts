/** The first problem with a definition, in the order the service checks (contract: POST /api/definition). */
export interface DefinitionProblem { code: string; message: string }

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function checkDefinition(definition: unknown): DefinitionProblem | null {
  if (definition === undefined || definition === null) {
    return { code: 'MISSING_DEFINITION', message: 'Missing definition: send { "definition": { name, dataModel } }' };
  }
  if (!isObject(definition)) return { code: 'INVALID_DEFINITION_TYPE', message: 'definition must be an object' };
  if (!definition.name || !definition.dataModel) {
    return { code: 'MISSING_REQUIRED_FIELD', message: 'definition.name and definition.dataModel are required' };
  }
  if (typeof definition.name !== 'string') return { code: 'MISSING_REQUIRED_FIELD', message: 'definition.name must be a string' };
  return checkDataModel(definition.dataModel);
}

function checkDataModel(dataModel: unknown): DefinitionProblem | null {
  if (!isObject(dataModel)) return { code: 'INVALID_DATA_MODEL', message: 'definition.dataModel must be an object' };
  if (typeof dataModel.block !== 'string' || dataModel.block === '') {
    return { code: 'INVALID_BLOCK', message: 'definition.dataModel.block must be a non-empty string (the content type name)' };
  }
  const schema = dataModel.jsonSchema;
  if (!isObject(schema)) return { code: 'INVALID_JSON_SCHEMA', message: 'definition.dataModel.jsonSchema must be an object' };
  if (schema.type !== 'object') return { code: 'INVALID_SCHEMA_TYPE', message: 'definition.dataModel.jsonSchema.type must be "object"' };
  if (!isObject(schema.properties)) {
    return { code: 'INVALID_SCHEMA_PROPERTIES', message: 'definition.dataModel.jsonSchema.properties must be an object' };
  }
  return checkIndexerAndParent(dataModel);
}

// Beyond the service's own checks: a malformed indexer or parent would make every later write fail.
function checkIndexerAndParent(dataModel: Record<string, unknown>): DefinitionProblem | null {
  const indexer = dataModel.indexer;
  if (indexer !== undefined && (!Array.isArray(indexer) || indexer.some((field) => typeof field !== 'string' || field === ''))) {
    return { code: 'INVALID_DATA_MODEL', message: 'definition.dataModel.indexer must be an array of field names' };
  }
  const parent = dataModel.parent;
  if (parent === undefined) return null;
  const valid = isObject(parent) && (parent.type === 'none'
    || (parent.type === 'id' && typeof parent.id === 'string')
    || (parent.type === 'field' && typeof parent.field === 'string' && parent.field !== ''));
  return valid ? null : {
    code: 'INVALID_DATA_MODEL',
    message: 'definition.dataModel.parent must be { type: "none" }, { type: "id", id } or { type: "field", field }',
  };
}
