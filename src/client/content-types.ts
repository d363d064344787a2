/** A `Notes` record, fields as the contract's catalogue defines them. */
export interface NoteContent {
  tenantId: string;
  title: string;
  mode: 'personal' | 'work';
  /** The owner; becomes the row's parent_id, so it must be a UUID. */
  userId?: string;
  normalizedTitle?: string;
  content?: string;
  sourceFile?: { type?: string; name?: string };
}

/** An `HtmlGeneration` record. Its schema forbids other fields. */
export interface HtmlGenerationContent {
  title: string;
  contentType: 'game' | 'app' | 'tool' | 'interactive';
  htmlContent: string;
  userRequest: string;
  tenantId: string;
  /** The owner; becomes the row's parent_id, so it must be a UUID. */
  createdBy: string;
  tags?: string[];
  sourceNoteId?: string;
  metadata?: Record<string, unknown>;
}

/** An `AppletStorage` record. */
export interface AppletStorageContent {
  data: unknown;
  appletId: string;
  /** The owner; becomes the row's parent_id, so it must be a UUID. */
  userId: string;
}

/**
 * Content type names and their record shapes, so `client.content('Notes')` is typed without a type
 * argument. Add your own:
 *
 * ```ts
 * declare module 'jest-environment-mesh/client' {
 *   interface MeshContentTypes { Invoice: { number: string; total: number } }
 * }
 * ```
 */
export interface MeshContentTypes {
  Notes: NoteContent;
  HtmlGeneration: HtmlGenerationContent;
  AppletStorage: AppletStorageContent;
}

/** The record shape of a type name: from MeshContentTypes, else a loose object. */
export type ContentOf<K extends string> = K extends keyof MeshContentTypes ? MeshContentTypes[K] : Record<string, unknown>;

/** A record as the API returns it: the stored content plus its public id. */
export type MeshItem<T> = T & { _id: string };
