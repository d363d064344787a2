import { v5 } from 'uuid';

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
    return v5(`${this.file}\n${this.scope}\n${count}`, NAMESPACE);
  }
}
