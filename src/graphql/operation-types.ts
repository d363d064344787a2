import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * graphql-js 16 accepts `subscription { ... }` against a schema without a Subscription type and
 * fails only when executing it, which Apollo reports as INTERNAL_SERVER_ERROR. The request is the
 * client's mistake, so it is refused while validating (400 GRAPHQL_VALIDATION_FAILED), as
 * graphql-js 17's KnownOperationTypesRule does.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(
      `This schema does not support ${node.operation} operations; the service offers queries and mutations only.`,
      { nodes: node },
    ));
  },
});
