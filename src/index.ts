// Public API of `jest-environment-mesh/server`.
export { startMeshServer, MeshPortInUseError } from './server';
export type { StartedMeshServer } from './server';
export { resolveServerOptions, MeshOptionsError, DEFAULT_SECRETS } from './options';
export type { MeshServerOptions, ResolvedMeshServerOptions, MeshSecrets } from './options';
export type { RecordedRequest } from './http/request-log';
export { MeshSeedError } from './seed/load';
export type { SeedRecord } from './seed/records';
export type { DumpFilter } from './seed/dump';
export type { MeshClockOption, ClockState } from './clock/clock';
export { FAULT_PRESETS } from './faults/faults';
export type { FaultSpec, ActiveFault, FaultPresetName } from './faults/faults';
export type { DefinitionObject, StoredDefinition, DataModel, ParentRule, JsonSchemaObject } from './content/definition-types';
export { PLATFORM_DEFINITIONS, TENANT_CATALOGUE, tenantCatalogueFor } from './definitions';
export { signMeshJwt, verifyMeshJwt } from './auth/jwt';
export type { MeshJwtClaims } from './auth/jwt';
