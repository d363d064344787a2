'use strict';
// Small numeric helpers shared by the bench scripts.

/** Nearest-rank percentile of an unsorted sample (p in 0..100). */
function percentile(samples, p) {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const median = (samples) => percentile(samples, 50);

/** Runs `fn` `count` times in sequence and returns each call's duration in ms. */
async function timeEach(count, fn) {
  const durations = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return durations;
}

const mib = (bytes) => bytes / 1024 / 1024;

/** A full garbage collection, so memory figures show what is live rather than what is not yet collected. */
function collectGarbage() {
  require('node:v8').setFlagsFromString('--expose-gc');
  require('node:vm').runInNewContext('gc')();
}

/** RSS and heap in MiB, as is and after a full collection. */
function memory() {
  const before = process.memoryUsage();
  collectGarbage();
  const after = process.memoryUsage();
  return { rss: mib(before.rss), rssAfterGc: mib(after.rss), heapAfterGc: mib(after.heapUsed) };
}

module.exports = { percentile, median, timeEach, mib, memory };
