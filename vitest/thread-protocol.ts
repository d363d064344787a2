import type { MeshSecrets } from '../src/options';

/**
 * Where test files reach the host: a loopback URL and the token it wants. Plain data, for `provide`.
 * Declared here, with the other wire types, so that the plugin's public declarations never reach
 * host.ts and what it imports.
 */
export interface HostAddress {
  readonly url: string;
  readonly token: string;
}

/** What a test file learns about its worker's emulator. */
export interface ServerInfo {
  readonly url: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string;
  readonly port: number;
  readonly secrets: Readonly<MeshSecrets>;
}

export interface PlainError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

export type ServerOp = 'reset' | 'requests' | 'clearRequests' | 'coverage' | 'close';

/** The thread's first message. */
export type ThreadStart = { readonly kind: 'ready'; readonly info: ServerInfo } | { readonly kind: 'failed'; readonly error: PlainError };
export interface ThreadRequest {
  readonly id: number;
  readonly op: ServerOp;
}
export interface ThreadReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: PlainError;
}

/** An Error with the name and code it had on the other side. */
export function revive(plain: PlainError): Error {
  return Object.assign(new Error(plain.message), plain.code === undefined ? { name: plain.name } : { name: plain.name, code: plain.code });
}
