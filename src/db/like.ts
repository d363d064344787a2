/**
 * PostgreSQL's LIKE, in time linear in text × pattern. pg-mem turns a pattern into a backtracking
 * RegExp, which takes seconds to minutes on patterns like `%a%a%a%b` and whose `.` misses newlines
 * (PostgreSQL's `%` and `_` match any character). `_` is one character (a code point), `\` escapes
 * the next character, and a pattern may not end with a lone `\` (PostgreSQL refuses it).
 */
type Token = string | typeof ONE;
const ONE = Symbol('_');

interface CompiledLike {
  /** The pieces between `%` wildcards; a pattern without `%` is one piece that must match whole. */
  segments: Token[][];
  anchoredBoth: boolean;
}

const compiled = new Map<string, CompiledLike>();
const CACHE_SIZE = 500;

export class LikePatternError extends Error {
  override readonly name = 'LikePatternError';
}

/** Why PostgreSQL would refuse this pattern, or null. */
export function likePatternProblem(pattern: string): string | null {
  let escaped = false;
  for (const char of pattern) escaped = !escaped && char === '\\';
  return escaped ? 'LIKE pattern must not end with escape character' : null;
}

export function like(text: string, pattern: string): boolean {
  const { segments, anchoredBoth } = compile(pattern);
  const chars = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text;
  if (anchoredBoth) return segments[0]!.length === chars.length && matchesAt(chars, segments[0]!, 0);
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const end = chars.length - last.length;
  if (first.length > end || !matchesAt(chars, first, 0) || !matchesAt(chars, last, end)) return false;
  // Leftmost match of each middle piece: taking the earliest spot never rules out a later piece.
  let position = first.length;
  for (let index = 1; index < segments.length - 1; index += 1) {
    const segment = segments[index]!;
    let at = position;
    while (at + segment.length <= end && !matchesAt(chars, segment, at)) at += 1;
    if (at + segment.length > end) return false;
    position = at + segment.length;
  }
  return true;
}

function matchesAt(chars: string | string[], segment: Token[], at: number): boolean {
  for (let index = 0; index < segment.length; index += 1) {
    const token = segment[index];
    if (token !== ONE && token !== chars[at + index]) return false;
  }
  return true;
}

function compile(pattern: string): CompiledLike {
  let result = compiled.get(pattern);
  if (result) return result;
  const problem = likePatternProblem(pattern);
  if (problem) throw new LikePatternError(problem);
  const segments: Token[][] = [[]];
  let escaped = false;
  for (const char of pattern) {
    const current = segments[segments.length - 1]!;
    if (escaped) {
      current.push(char);
      escaped = false;
    } else if (char === '\\') {
      escaped = true;
    } else if (char === '%') {
      if (current.length > 0 || segments.length === 1) segments.push([]);
    } else {
      current.push(char === '_' ? ONE : char);
    }
  }
  result = { segments, anchoredBoth: segments.length === 1 };
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
  compiled.set(pattern, result);
  return result;
}
