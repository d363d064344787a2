export { MeshClient } from './client';
export type { MeshClientOptions } from './options';
export { MeshApiError, isMeshApiError, type MeshApiErrorData } from './errors';
export { ContentApi, type ContentInput, type ListOptions, type ListResult } from './content';
export { DefinitionsApi, type Definition, type DefinitionInput } from './definitions';
export type { GraphqlErrorEntry } from './graphql';
export type {
  AppletStorageContent,
  ContentOf,
  HtmlGenerationContent,
  MeshContentTypes,
  MeshItem,
  NoteContent,
} from './content-types';
export type {
  JsonValue,
  MeshColumnCondition,
  MeshColumnOperators,
  MeshColumnValue,
  MeshIndexerFilter,
  MeshWhere,
} from './where';
