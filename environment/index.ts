import MeshEnvironment from './mesh-environment';

export default MeshEnvironment;
export { MeshEnvironment, MeshEnvironment as TestEnvironment };
export type { MeshEnvironmentOptions } from './options';
export type { MeshFactories, MeshTestContext, TenantRecord, UserRecord } from '../src/testkit/globals';
export type { MeshClockControl, MeshFaultsControl, MeshTestControls } from '../src/testkit/test-controls';
export type { FaultSpec, ActiveFault, FaultPresetName } from '../src/faults/faults';
export type { ClockState } from '../src/clock/clock';
export type { SeedRecord } from '../src/seed/records';
export type { DumpFilter } from '../src/seed/dump';
