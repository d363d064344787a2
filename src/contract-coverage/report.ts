import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTRACT, type CoverageCategory } from './catalogue';
import type { CoverageSnapshot } from './recorder';

/** Set by the coverage reporter before workers start; each worker's adapter writes its server's counts there. */
export const COVERAGE_DIR_VARIABLE = 'MESH_CONTRACT_COVERAGE_DIR';

const TITLES: Record<CoverageCategory, string> = {
  routes: 'Routes',
  graphqlOperations: 'GraphQL operations',
  whereOperators: 'where operators',
  errorCodes: 'Error answers (status code)',
};

/** One category of the merged report: contract parts with their counts, and what was seen outside the list. */
export interface CoverageSection {
  readonly exercised: Record<string, number>;
  readonly never: string[];
  /** Seen but not in the contract's list (emulator-only codes such as 400 INVALID_TENANT_ID). */
  readonly other: Record<string, number>;
}

export type CoverageReport = Record<CoverageCategory, CoverageSection> & { readonly workers: number };

/** Writes a server's counts as `<dir>/<name>.json`, replacing that server's previous report. */
export function writeCoverage(dir: string, name: string, snapshot: CoverageSnapshot): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name.replace(/[^\w.-]/g, '_')}.json`), JSON.stringify(snapshot));
}

/** Every server's counts in `dir`, summed. */
export function readCoverage(dir: string): { snapshot: CoverageSnapshot; workers: number } {
  const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  return { snapshot: mergeCoverage(files.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Partial<CoverageSnapshot>)), workers: files.length };
}

/** Servers' counts, summed. */
export function mergeCoverage(parts: readonly Partial<CoverageSnapshot>[]): CoverageSnapshot {
  const snapshot: CoverageSnapshot = { routes: {}, graphqlOperations: {}, whereOperators: {}, errorCodes: {} };
  for (const part of parts) {
    for (const category of Object.keys(snapshot) as CoverageCategory[]) {
      for (const [key, count] of Object.entries(part[category] ?? {})) snapshot[category][key] = (snapshot[category][key] ?? 0) + count;
    }
  }
  return snapshot;
}

export function buildReport(snapshot: CoverageSnapshot, workers: number): CoverageReport {
  const section = (category: CoverageCategory): CoverageSection => {
    const listed: readonly string[] = CONTRACT[category];
    const counts = snapshot[category];
    return {
      exercised: Object.fromEntries(listed.filter((key) => counts[key]).map((key) => [key, counts[key]!])),
      never: listed.filter((key) => !counts[key]),
      other: Object.fromEntries(Object.entries(counts).filter(([key]) => !listed.includes(key))),
    };
  };
  return { routes: section('routes'), graphqlOperations: section('graphqlOperations'), whereOperators: section('whereOperators'), errorCodes: section('errorCodes'), workers };
}

/** Options shared by the Jest and Vitest coverage reporters. */
export interface MeshCoverageReporterOptions {
  /** Also write the report as JSON here (relative to the Jest rootDir / Vitest root), for CI. Default: none. */
  readonly outputFile?: string;
  /** Print nothing (with outputFile, for CI that only reads the JSON). Default false. */
  readonly silent?: boolean;
}

/** What both reporters do at the end of a run: the JSON file if asked for, the text on stderr unless silent. */
export function emitReport(report: CoverageReport, root: string, options: MeshCoverageReporterOptions): void {
  if (options.outputFile !== undefined) writeFileSync(resolve(root, options.outputFile), `${JSON.stringify(report, null, 2)}\n`);
  if (options.silent !== true) process.stderr.write(`\n${formatReport(report)}`);
}

/** The text the reporters print: per category, exercised (with counts) and never exercised. */
export function formatReport(report: CoverageReport): string {
  const lines = [`Mesh contract coverage (${report.workers} emulator${report.workers === 1 ? '' : 's'})`];
  for (const category of Object.keys(TITLES) as CoverageCategory[]) {
    const { exercised, never, other } = report[category];
    const total = CONTRACT[category].length;
    lines.push(`  ${TITLES[category]}: ${Object.keys(exercised).length}/${total} exercised`);
    for (const [key, count] of Object.entries(exercised)) lines.push(`    ✓ ${key} (${count})`);
    for (const key of never) lines.push(`    ✗ ${key}`);
    for (const [key, count] of Object.entries(other)) lines.push(`    + ${key} (${count}, not in the contract's list)`);
  }
  return `${lines.join('\n')}\n`;
}
