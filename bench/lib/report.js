'use strict';
// Markdown output shared by the bench scripts, so `npm run bench` prints one consistent document.

/** Formats a number with a fixed number of decimals that suits its size. */
function fmt(value, decimals) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  if (decimals === undefined && Number.isInteger(value)) return String(value);
  const places = decimals ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toFixed(places);
}

function table(headers, rows) {
  const line = (cells) => `| ${cells.map((c) => (typeof c === 'number' ? fmt(c) : String(c))).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Parses the flags every bench script accepts; anything else is an error that names the flag. */
function parseBenchArgs(argv, scriptName) {
  const flags = { quick: false };
  for (const arg of argv) {
    if (arg === '--quick') flags.quick = true;
    else throw new Error(`${scriptName}: unknown argument "${arg}"; allowed: --quick`);
  }
  return flags;
}

/** Progress goes to stderr so stdout stays a clean markdown document. */
const progress = (message) => process.stderr.write(`  … ${message}\n`);

module.exports = { fmt, table, parseBenchArgs, progress };
