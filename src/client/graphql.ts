import { MeshApiError } from './errors';
import { replyError, send, type Endpoint, type Reply } from './transport';
import { requireText } from './validate';

/** One entry of a GraphQL response's `errors`. */
export interface GraphqlErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

interface GraphqlBody {
  data?: unknown;
  errors?: GraphqlErrorEntry[];
}

/**
 * POST /graphql. Any `errors` entry fails the call, even next to partial `data`, so a test never
 * reads half an answer as a whole one.
 */
export async function graphqlCall<TData>(endpoint: Endpoint, query: string, variables?: Record<string, unknown>): Promise<TData> {
  const body = { query: requireText('query', query), variables };
  const reply = await send(endpoint, { method: 'POST', path: '/graphql', body });
  const json = reply.json as GraphqlBody | undefined;
  const errors = Array.isArray(json?.errors) ? json.errors : [];
  if (errors.length > 0) throw graphqlError(reply, errors);
  if (reply.status === 200 && json !== undefined && json.data !== undefined && json.data !== null) return json.data as TData;
  throw replyError(reply);
}

function graphqlError(reply: Reply, errors: GraphqlErrorEntry[]): MeshApiError {
  const first = errors[0];
  return new MeshApiError({
    status: reply.status,
    code: typeof first?.extensions?.code === 'string' ? first.extensions.code : 'GRAPHQL_ERROR',
    message: typeof first?.message === 'string' ? first.message : `GraphQL error from ${reply.url}`,
    details: errors,
    method: reply.method,
    url: reply.url,
  });
}
