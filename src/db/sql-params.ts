import type { SqlValue } from './database';

/** Collects bound values while a query is assembled; returns the `$n` placeholder for each. */
export class SqlParams {
  readonly values: SqlValue[] = [];

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A value compared with a jsonb expression. */
  json(value: unknown): string {
    return `${this.add(JSON.stringify(value))}::jsonb`;
  }
}
