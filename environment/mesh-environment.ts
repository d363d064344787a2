// jest-environment-node's types use Node's; consumers that list only "jest-environment-mesh" in
// tsconfig "types" get them through this (jest-environment-node depends on @types/node).
/// <reference types="node" preserve="true" />
import { relative, sep } from 'node:path';
import NodeEnvironment from 'jest-environment-node';
import type { StartedMeshServer } from '../src/server';
import { createMeshContext } from '../src/testkit/context';
import { appEnvFor } from '../src/testkit/app-env';
import { docblockOptionsOf, resolveEnvironmentOptions, type ResolvedEnvironmentOptions } from './options';
import { reportContractCoverage } from '../src/testkit/coverage';
import { requestReport } from '../src/testkit/request-report';
import { TestIdSource } from '../src/testkit/test-ids';
import { currentWorkerId, workerServer, type JestShard } from './worker-server';

type EnvironmentConfig = ConstructorParameters<typeof NodeEnvironment>[0];
type EnvironmentContext = ConstructorParameters<typeof NodeEnvironment>[1];

/** The parts of jest-circus events this environment reads; the same in Jest 29 and 30. */
interface Block {
  readonly name: string;
  readonly parent?: Block;
}
interface CircusTest extends Block {
  readonly errors: unknown[];
}
interface TestEvent {
  readonly name: string;
  readonly test?: CircusTest;
  readonly hook?: { readonly type: string; readonly parent: Block };
}

/**
 * Jest test environment: `jest-environment-node` plus this worker's Mesh emulator as `mesh`.
 * Lifecycle wiring only; the server, options, ids and factories live in their own modules.
 */
export default class MeshEnvironment extends NodeEnvironment {
  private readonly options: ResolvedEnvironmentOptions;
  private readonly ids: TestIdSource;
  private readonly shard: JestShard | undefined;
  private server: StartedMeshServer | undefined;

  constructor(config: EnvironmentConfig, context: EnvironmentContext) {
    // Checked before the vm context is built, so a bad option costs nothing but its message.
    const file = relative(config.projectConfig.rootDir, context.testPath).split(sep).join('/');
    const options = resolveEnvironmentOptions(config.projectConfig.testEnvironmentOptions, {
      options: docblockOptionsOf(context.docblockPragmas),
      file,
    });
    super(config, context);
    this.options = options;
    this.ids = new TestIdSource(file);
    this.shard = (config.globalConfig as { shard?: JestShard }).shard;
  }

  override async setup(): Promise<void> {
    await super.setup();
    const server = await workerServer(this.options.server, this.options.basePort, this.shard);
    if (this.options.reset !== 'none') await server.resetDatabase();
    server.clearRequestLog();
    this.server = server;
    // The sandbox's process.env is its own copy (jest-util's createProcessObject), and setup()
    // runs before setup files and the test file load: import-time reads see these values, and
    // neither the worker process nor other files do.
    Object.assign(this.global.process.env, appEnvFor(server, this.options.env));
    this.global.mesh = createMeshContext(server, currentWorkerId(), this.options, this.ids);
  }

  async handleTestEvent(event: TestEvent): Promise<void> {
    const server = this.server;
    if (!server) return;
    if (event.name === 'test_start' && event.test) {
      this.ids.enter(fullName(event.test));
      if (this.options.reset === 'test') await server.resetDatabase();
      if (this.options.showRequestsOnFailure) server.clearRequestLog();
    } else if (event.name === 'hook_start' && event.hook && /^(before|after)All$/.test(event.hook.type)) {
      this.ids.enter(`${fullName(event.hook.parent)} ${event.hook.type}`.trim());
    } else if (event.name === 'test_done' && event.test && event.test.errors.length > 0 && this.options.showRequestsOnFailure) {
      event.test.errors.push(requestReport(fullName(event.test), server.recentRequests()));
    }
  }

  override async teardown(): Promise<void> {
    if (this.server) reportContractCoverage(this.server);
    // The server outlives the file (the next file of this worker reuses it); only our reference goes.
    this.server = undefined;
    await super.teardown();
  }
}

/** `describe > nested > test`, without circus's root block. */
function fullName(block: Block): string {
  const names: string[] = [];
  for (let current: Block | undefined = block; current?.parent; current = current.parent) names.unshift(current.name);
  return names.join(' > ');
}
