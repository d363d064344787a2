/**
 * One error type for everything the emulator rejects on purpose. It carries the HTTP status and
 * the contract's error code so that a single place (http/envelope.ts) turns it into the failure
 * envelope, and so that REST and GraphQL report the same rule the same way.
 */
export class MeshError extends Error {
  override readonly name = 'MeshError';

  constructor(
    readonly status: number,
    /** Undefined where the service answers without a code: the emulator must not add one. */
    readonly code: string | undefined,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown): MeshError =>
  new MeshError(400, code, message, details);

export const notFound = (message: string, code = 'NOT_FOUND'): MeshError => new MeshError(404, code, message);

export const isMeshError = (error: unknown): error is MeshError => error instanceof MeshError;

/** A content item that is absent (GET, PATCH, PUT, DELETE): the service's 404 carries no `code`. */
export const contentNotFound = (): MeshError => new MeshError(404, undefined, 'Content not found');

/** A write without `content`: the service's 400 carries no `code`. */
export const missingContent = (): MeshError => new MeshError(400, undefined, 'Missing type or content');
