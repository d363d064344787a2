import { GraphQLScalarType, Kind, type ObjectValueNode, type ValueNode } from 'graphql';

type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** Any JSON value, written inline in a query or passed as a variable. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => literalValue(node, variables),
});

function literalValue(node: ValueNode, variables: Variables): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((item) => literalValue(item, variables));
    case Kind.OBJECT:
      return objectValue(node, variables);
    case Kind.VARIABLE:
      return variables?.[node.name.value];
  }
}

function objectValue(node: ObjectValueNode, variables: Variables): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  // defineProperty, so that a "__proto__" key is data and not a prototype change.
  for (const field of node.fields) {
    Object.defineProperty(result, field.name.value, { value: literalValue(field.value, variables), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
