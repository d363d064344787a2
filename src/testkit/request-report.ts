import type { RecordedRequest } from '../http/request-log';

/**
 * The failure note for a failing test. Returned as an error-shaped object whose stack is the
 * note itself, so Jest prints it as-is under the test's own failure (no misleading stack trace).
 */
export function requestReport(testName: string, requests: readonly RecordedRequest[]): { message: string; stack: string } {
  const lines = requests.length === 0
    ? ['  (none)']
    : requests.map((r) => `  ${r.method} ${r.path} → ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''} (${r.durationMs.toFixed(1)} ms)`);
  const message = [`Mesh requests during "${testName}" (oldest first):`, ...lines].join('\n');
  return { message, stack: message };
}
