import type { StartedMeshServer } from '../src/server';
import type { ResolvedMeshServerOptions } from '../src/options';
import { workerServer as sharedWorkerServer } from '../src/testkit/worker-server';
import { OPTIONS_PREFIX } from './options';

export { closeWorkerServers, startedServerCount } from '../src/testkit/worker-server';

/** 1-based; Jest sets it in workers and to '1' when running in band. */
export function currentWorkerId(): number {
  const id = Number(process.env.JEST_WORKER_ID ?? '1');
  return Number.isInteger(id) && id > 0 ? id : 1;
}

/** Jest's `--shard=index/count` (globalConfig.shard), when the run is sharded. */
export interface JestShard { readonly shardIndex: number; readonly shardCount: number }

/** This Jest worker's server: started by the worker's first test file, reused by the rest. */
export function workerServer(options: ResolvedMeshServerOptions, basePort: number | undefined, shard?: JestShard): Promise<StartedMeshServer> {
  return sharedWorkerServer(options, basePort, {
    workerId: currentWorkerId(),
    basePortKey: `${OPTIONS_PREFIX}basePort`,
    databaseKey: `${OPTIONS_PREFIX}database`,
    shard: shard && { index: shard.shardIndex, count: shard.shardCount },
  });
}
