/**
 * pg-mem only executes SQL text: its own `pg` adapter splices bound values into the text with an
 * E'' escaper that breaks on backslashes, and its prepared statements fail on most comparisons.
 * So this is the one place where a bound value becomes SQL text. Every query in the emulator is
 * written with $n placeholders and its values travel separately down to here.
 *
 * Strings become standard-conforming literals ('' doubles a quote, backslashes are plain
 * characters), so no value can end the literal it is in.
 */
export type SqlValue = string | number | boolean | null | undefined | Date | readonly string[];

export function toSqlLiteral(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return stringLiteral(value.toISOString());
  if (Array.isArray(value)) return `ARRAY[${value.map((v) => stringLiteral(String(v))).join(',')}]::text[]`;
  if (typeof value === 'string') return stringLiteral(value);
  // Sequelize hands JSON columns over already stringified; anything else is a programming error.
  throw new TypeError(`Cannot bind a value of type ${typeof value} as an SQL parameter`);
}

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`Cannot bind the non-finite number ${value}`);
  return value < 0 ? `(${value})` : String(value);
}

function stringLiteral(value: string): string {
  // PostgreSQL text cannot hold NUL; the real server rejects it too. Callers validate earlier.
  if (value.includes('\u0000')) throw new TypeError('Strings bound as SQL parameters cannot contain NUL characters');
  return `'${value.replace(/'/g, "''")}'`;
}

/** Replaces $1..$n with literals, skipping anything inside quotes written by our own SQL. */
export function bindParameters(sql: string, values: readonly SqlValue[]): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = closingQuote(sql, i);
      out += sql.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const match = ch === '$' ? /^\$(\d+)/.exec(sql.slice(i, i + 12)) : null;
    if (match) {
      const index = Number(match[1]) - 1;
      if (index < 0 || index >= values.length) throw new RangeError(`No value bound for parameter $${index + 1}`);
      out += toSqlLiteral(values[index]);
      i += match[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i;
    } else i++;
  }
  throw new SyntaxError('Unterminated quoted section in SQL');
}
