import MeshEnvironment from './mesh-environment';

export default MeshEnvironment;
export { MeshEnvironment, MeshEnvironment as TestEnvironment };
export type { MeshEnvironmentOptions } from './options';
export type { MeshFactories, MeshTestContext, TenantRecord, UserRecord } from '../src/testkit/globals';
