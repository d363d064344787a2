import type { RecordedRequest } from '../http/request-log';

const INJECTED = { answer: 'injected fault', drop: 'dropped by injected fault', delay: 'delayed by injected fault' } as const;

/**
 * The failure note for a failing test. Returned as an error-shaped object whose stack is the
 * note itself, so Jest prints it as-is under the test's own failure (no misleading stack trace).
 */
export function requestReport(testName: string, requests: readonly RecordedRequest[]): { message: string; stack: string } {
  const lines = requests.length === 0
    ? ['  (none)']
    : requests.map((r) => `  ${r.method} ${r.path} → ${r.status === 0 ? 'no answer' : r.status}${r.errorCode ? ` ${r.errorCode}` : ''} (${r.durationMs.toFixed(1)} ms)${r.injected ? ` [${INJECTED[r.injected]}]` : ''}`);
  const message = [`Mesh requests during "${testName}" (oldest first):`, ...lines].join('\n');
  return { message, stack: message };
}
