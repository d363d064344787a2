import type { Sequelize } from 'sequelize';

interface IdleReaper { _scheduleRemoveIdle?: () => void; _removeIdleTimer?: NodeJS.Timeout }

/**
 * sequelize-pool reaps idle connections with a ref'd setTimeout (10 s by default), which kept
 * Jest workers and in-band runs alive after the last query ("Jest did not exit"). pg-mem
 * connections hold nothing worth reaping early, so the timer is unref'd. No pool option avoids the
 * timer; this reaches into the pool's internals and does nothing if they change (the e2e tests
 * would then report the exit warning again).
 */
export function unrefIdleReaper(sequelize: Sequelize): void {
  const pool = (sequelize.connectionManager as unknown as { pool?: IdleReaper }).pool;
  const schedule = pool?._scheduleRemoveIdle;
  if (!pool || typeof schedule !== 'function') return;
  pool._scheduleRemoveIdle = () => {
    schedule.call(pool);
    pool._removeIdleTimer?.unref?.();
  };
}
