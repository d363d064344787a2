import { createHash } from 'node:crypto';

type ObjectHash = (value: unknown, options?: unknown) => string;

/**
 * A stand-in for `object-hash` as pg-mem uses it: a key under which structurally equal values
 * meet (expression identity while compiling a statement, DISTINCT and GROUP BY keys). object-hash
 * walks each value through a generic serializer and a SHA-1 per call: 62 % of compiling a get's
 * statement in a CPU profile, and pg-mem compiles every statement. The values pg-mem hashes are
 * small trees of strings, numbers and booleans, so they get an injective text encoding instead
 * (type-tagged, object keys sorted as object-hash's unorderedObjects does); anything else (dates,
 * buffers, class instances, functions, calls with options) goes to object-hash itself, in its own
 * tag space, so the two never collide.
 */
export function structuralHashOf(objectHash: ObjectHash): ObjectHash {
  return (value, options) => {
    if (options !== undefined) return objectHash(value, options);
    const encoded = encode(value, objectHash);
    // Long keys (deep expressions, big JSON values) are digested so that hashes stay short.
    return encoded.length <= MAX_PLAIN ? encoded : `#${createHash('sha1').update(encoded).digest('base64')}`;
  };
}

const MAX_PLAIN = 400;

function encode(value: unknown, objectHash: ObjectHash): string {
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'number': return `n${value}`;
    case 'boolean': return value ? 'T' : 'F';
    case 'undefined': return 'U';
    case 'bigint': return `b${value}`;
    case 'object': {
      if (value === null) return 'N';
      if (Array.isArray(value)) return `[${value.map((item) => encode(item, objectHash)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Object.prototype || proto === null) {
        const record = value as Record<string, unknown>;
        return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${encode(record[key], objectHash)}`).join(',')}}`;
      }
      return `x${objectHash(value)}`;
    }
    default: return `x${objectHash(value)}`;
  }
}
