import { createHash } from 'node:crypto';

/** Fixed, so that ids only depend on where they were asked for. Never change it: saved failures name these ids. */
const NAMESPACE = '3d6f5c8e-2b1a-4c7e-9f0d-6a8b1e4c2d7f';

/**
 * Deterministic ids for one test file. The name hashed is file + scope (the running test's full
 * name, or the hook outside any test) + a counter per scope, so a test gets the same ids on every
 * run, and two tests, files or workers never share one. The counter is per file, not per attempt:
 * a retried test or two tests with the same name get fresh ids.
 */
export class TestIdSource {
  private scope = '(file)';
  private readonly counters = new Map<string, number>();

  /** `file` is the test path relative to the project root, with forward slashes. */
  constructor(private readonly file: string) {}

  enter(scope: string): void {
    this.scope = scope;
  }

  get currentScope(): string {
    return this.scope;
  }

  next(): string {
    const count = (this.counters.get(this.scope) ?? 0) + 1;
    this.counters.set(this.scope, count);
    return uuidV5(`${this.file}\n${this.scope}\n${count}`, NAMESPACE);
  }
}

/**
 * RFC 4122 version 5 (SHA-1, name-based), as uuid's v5(); written out because loading the uuid
 * package costs about 20 ms, which Vitest, with a fresh worker per file, pays on every file.
 */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
