import type { Express } from 'express';
import type { ContentService } from '../content/service';

/** Mounts POST /graphql. Placeholder until the GraphQL layer lands. */
export async function mountGraphql(_app: Express, _content: ContentService, _path: string): Promise<() => Promise<void>> {
  return async () => {};
}
