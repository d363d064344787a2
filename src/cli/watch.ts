import { isAlive } from '../process-alive';

const PARENT_POLL_MS = 500;

/**
 * Calls `onGone` once the process that started us dies. An orphan is re-parented (to init or a
 * subreaper), so a changed ppid means the parent is gone; the signal-0 probe catches the rest.
 */
export function watchParent(onGone: (reason: string) => void): () => void {
  const original = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== original || !isAlive(original)) {
      clearInterval(timer);
      onGone(`parent process ${original} exited`);
    }
  }, PARENT_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Calls `onEnd` when stdin reaches end of file, e.g. because the test runner holding it died. */
export function watchStdin(onEnd: (reason: string) => void): void {
  const stdin = process.stdin;
  stdin.on('data', () => undefined);
  stdin.once('end', () => onEnd('stdin closed'));
  stdin.once('error', () => onEnd('stdin failed'));
  stdin.resume();
}

/** Calls `onSignal` on SIGINT/SIGTERM; a second signal while stopping exits at once. */
export function watchSignals(onSignal: (reason: string) => void): void {
  let received = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (received) process.exit(1);
      received = true;
      onSignal(signal);
    });
  }
}
