/**
 * Why the PostgreSQL backend could not start, naming the option the URL came from
 * (`testEnvironmentOptions.database`, `--database`, `MESH_DATABASE_URL`, ...) and what to do.
 * `name` and `code` are plain data, so the error survives the trip into a Jest sandbox.
 */
export class MeshDatabaseError extends Error {
  override readonly name = 'MeshDatabaseError';

  constructor(
    readonly code: 'DATABASE_UNREACHABLE' | 'DATABASE_AUTH' | 'DATABASE_NO_CREATEDB' | 'DATABASE_FAILED',
    message: string,
  ) {
    super(message);
  }
}

/** `user@host:port/db`: the URL without its password, for messages. */
export function describeTarget(url: string): string {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username) || '(default user)';
  return `${user}@${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** A failed connect or admin statement, as the user should read it. */
export function explainDatabaseError(error: unknown, url: string, key: string): MeshDatabaseError {
  const { code, message } = error as { code?: string; message?: string };
  const target = describeTarget(url);
  const text = message ?? String(error);
  if ((code && UNREACHABLE.has(code)) || /timeout|terminated unexpectedly/i.test(text)) {
    return new MeshDatabaseError('DATABASE_UNREACHABLE',
      `${key}: cannot reach PostgreSQL at ${target} (${code ?? text}); start the server, correct the URL ` +
        '(postgres://user:password@host:port/dbname) or use "pg-mem"');
  }
  if (code === '28P01' || code === '28000') {
    return new MeshDatabaseError('DATABASE_AUTH',
      `${key}: PostgreSQL at ${target} refused the credentials (${text}); correct the user and password in the URL`);
  }
  if (code === '3D000') {
    return new MeshDatabaseError('DATABASE_FAILED',
      `${key}: ${text} at ${target}; the URL names a database to connect to for administration (e.g. /postgres), which must exist`);
  }
  if (code === '42501') return noCreateDb(target, key, text);
  return new MeshDatabaseError('DATABASE_FAILED', `${key}: PostgreSQL at ${target} failed: ${text}`);
}

export function noCreateDb(target: string, key: string, detail = 'the role lacks CREATEDB'): MeshDatabaseError {
  const user = target.split('@')[0];
  return new MeshDatabaseError('DATABASE_NO_CREATEDB',
    `${key}: the role ${user} may not create databases at ${target} (${detail}); each worker gets its own database, ` +
      `so grant it with ALTER ROLE "${user}" CREATEDB, or use a role that has it`);
}
