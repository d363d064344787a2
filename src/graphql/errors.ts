import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isMeshError } from '../errors';

/**
 * A rule the emulator enforces (MeshError) reaches the client with the same code REST would use
 * in `extensions.code`; GraphQL's own errors (validation, variable coercion) keep Apollo's codes.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (!isMeshError(original)) return formatted;
  const details = original.details === undefined ? {} : { details: original.details };
  // A GraphQL error always has a code; where REST answers without one, Apollo's nearest is used.
  const code = original.code ?? (original.status === 404 ? 'NOT_FOUND' : 'BAD_USER_INPUT');
  return { ...formatted, message: original.message, extensions: { code, status: original.status, ...details } };
}
