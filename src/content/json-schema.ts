/** One reason content does not match its definition's jsonSchema. */
export interface SchemaViolation { path: string; message: string }

type Schema = Record<string, unknown>;

/**
 * The subset of JSON Schema that Mesh definitions use (type, enum, required, properties,
 * additionalProperties: false, items). Only for the emulator's `strict` option: the service itself
 * stores content without validating it.
 */
export function validateAgainstSchema(value: unknown, schema: Schema, path = 'content'): SchemaViolation[] {
  const typeProblem = checkType(value, schema.type, path);
  if (typeProblem) return [typeProblem];
  const problems: SchemaViolation[] = [];
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    problems.push({ path, message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  if (isObject(value)) problems.push(...checkObject(value, schema, path));
  if (Array.isArray(value) && isObject(schema.items)) {
    value.forEach((item, index) => problems.push(...validateAgainstSchema(item, schema.items as Schema, `${path}[${index}]`)));
  }
  return problems;
}

function checkObject(value: Record<string, unknown>, schema: Schema, path: string): SchemaViolation[] {
  const problems: SchemaViolation[] = [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const field of Array.isArray(schema.required) ? schema.required : []) {
    if (value[field as string] === undefined) problems.push({ path: `${path}.${field}`, message: 'is required' });
  }
  for (const [field, fieldValue] of Object.entries(value)) {
    const fieldSchema = properties[field];
    if (isObject(fieldSchema)) problems.push(...validateAgainstSchema(fieldValue, fieldSchema, `${path}.${field}`));
    else if (schema.additionalProperties === false && field !== '_id') problems.push({ path: `${path}.${field}`, message: 'is not allowed (additionalProperties: false)' });
  }
  return problems;
}

function checkType(value: unknown, type: unknown, path: string): SchemaViolation | null {
  if (type === undefined) return null;
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => matchesType(value, t)) ? null : { path, message: `must be of type ${types.join(' | ')}` };
}

function matchesType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'integer': return Number.isInteger(value);
    case 'null': return value === null;
    default: return typeof value === type;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
