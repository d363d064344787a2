import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { checkDefinition } from '../content/definition-check';
import { DEFINITION_TYPE } from '../content/definitions';
import { isUuid } from '../content/uuid';
import { describe, type OptionProblems } from '../options';

/**
 * One record of a seed or a dump: a content item of `type` (its `_id` is kept), or, with type
 * `DynamicContent`, a definition object. `tenant` picks the tenant-scoped definition the record
 * is written under, as `?tenant=` does on REST; platform types need none.
 */
export interface SeedRecord {
  readonly type: string;
  readonly tenant?: string;
  readonly content: Record<string, unknown>;
}

/** A seed record after validation, with where it came from for start-up errors. */
export interface ResolvedSeedRecord extends SeedRecord {
  /** E.g. `seed[0] (/abs/seed.ndjson) line 3` or `seed[1]`. */
  readonly source: string;
}

const RECORD_KEYS = ['type', 'tenant', 'content'];
// Resolved options are resolved again where a runner hands them to startMeshServer: their records keep the first source.
const RESOLVED_KEYS = [...RECORD_KEYS, 'source'];

/** `seed`: file paths (JSON array or object, or NDJSON) and record objects, read in order. */
export function resolveSeedOption(value: unknown, key: string, problems: OptionProblems): ResolvedSeedRecord[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(`${key} must be an array of seed file paths (.json, .ndjson) or records { type, tenant?, content }, got ${describe(value)}`);
    return [];
  }
  return value.flatMap((entry, index) => {
    const entryKey = `${key}[${index}]`;
    if (typeof entry === 'string') return readSeedFile(entry, entryKey, problems);
    return acceptRecord(entry, entryKey, problems);
  });
}

function readSeedFile(path: string, key: string, problems: OptionProblems): ResolvedSeedRecord[] {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.add(`${key}: cannot read seed file ${file}: ${(error as Error).message}`);
    return [];
  }
  const where = `${key} (${file})`;
  return isNdjson(file) ? readNdjson(text, where, problems) : readJson(text, where, problems);
}

/** Whether a seed or export file holds one record per line, by its name. */
export const isNdjson = (file: string): boolean => ['.ndjson', '.jsonl'].includes(extname(file).toLowerCase());

function readNdjson(text: string, where: string, problems: OptionProblems): ResolvedSeedRecord[] {
  const records: ResolvedSeedRecord[] = [];
  let number = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    number += 1;
    const source = `${where} line ${index + 1} (record ${number})`;
    try {
      records.push(...acceptRecord(JSON.parse(line), source, problems));
    } catch (error) {
      problems.add(`${source}: not valid JSON: ${(error as Error).message}`);
    }
  });
  return records;
}

function readJson(text: string, where: string, problems: OptionProblems): ResolvedSeedRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.add(`${where}: not valid JSON: ${(error as Error).message} (one record per line needs a .ndjson or .jsonl name)`);
    return [];
  }
  if (!Array.isArray(parsed)) return acceptRecord(parsed, `${where} record 1`, problems);
  return parsed.flatMap((record, index) => acceptRecord(record, `${where} record ${index + 1}`, problems));
}

function acceptRecord(value: unknown, source: string, problems: OptionProblems): ResolvedSeedRecord[] {
  const problem = checkSeedRecord(value);
  if (problem) {
    problems.add(`${source}: ${problem}`);
    return [];
  }
  const { type, tenant, content, source: first } = value as ResolvedSeedRecord;
  return [{ type, ...(tenant === undefined ? {} : { tenant: tenant.toLowerCase() }), content: structuredClone(content), source: typeof first === 'string' ? first : source }];
}

/** What is wrong with a seed record, or null. */
export function checkSeedRecord(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `a record must be an object { type, tenant?, content }, got ${describe(value)}`;
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((name) => !RESOLVED_KEYS.includes(name) || (name === 'source' && typeof record.source !== 'string'));
  if (unknown.length > 0) return `unknown field ${unknown.map((name) => `"${name}"`).join(', ')}; a record has only ${RECORD_KEYS.map((name) => `"${name}"`).join(', ')}`;
  if (typeof record.type !== 'string' || record.type === '') return `type must be a non-empty string (a content type, or "${DEFINITION_TYPE}" for a definition), got ${describe(record.type)}`;
  if (record.tenant !== undefined && !isUuid(record.tenant)) return `tenant must be a tenant UUID, got ${describe(record.tenant)}`;
  const content = record.content;
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return `content must be an object, got ${describe(content)}`;
  if (record.type === DEFINITION_TYPE) {
    const definition = checkDefinition(content);
    if (definition) return `content is not a valid definition: ${definition.message} (${definition.code})`;
  }
  return null;
}
