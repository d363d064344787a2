import type { Statement } from 'pgsql-ast-parser';

/**
 * Statements are written in PostgreSQL's SQL; where pg-mem runs an operator wrongly, the parsed
 * template is rewritten to call a function that runs it as PostgreSQL does, so the SQL text stays
 * portable. `a LIKE b` becomes `mesh_like(a, b)` (see like.ts: pg-mem's RegExp backtracks for
 * minutes and its `%` misses newlines).
 */
export function rewriteForPgMem(statements: Statement[]): Statement[] {
  return statements.map((statement) => rewrite(statement) as Statement);
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = rewrite(record[key]);
  if (copy.type === 'binary' && (copy.op === 'LIKE' || copy.op === 'NOT LIKE')) {
    const call = { type: 'call', function: { name: 'mesh_like' }, args: [copy.left, copy.right] };
    return copy.op === 'LIKE' ? call : { type: 'unary', op: 'NOT', operand: call };
  }
  return copy;
}
