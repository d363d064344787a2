import type { MeshItem } from './content-types';
import { requireId, requireIndex } from './validate';
import { rest, restOrAbsent, segment, type Endpoint } from './transport';
import type { MeshWhere } from './where';

export interface ListOptions {
  where?: MeshWhere;
  /** Page size; the server's default is 25. */
  limit?: number;
  offset?: number;
}

export interface ListResult<T> {
  items: MeshItem<T>[];
  /** Rows matching `where`, regardless of limit and offset. */
  total: number;
  /** More matching rows lie beyond `offset + items.length`. */
  hasMore: boolean;
}

/** What create accepts: the record, optionally with the `_id` (page_id) it should get. */
export type ContentInput<T> = T & { _id?: string };

/** REST calls for one content type: `/api/content/:type`. */
export class ContentApi<T> {
  private readonly base: string;

  constructor(
    private readonly endpoint: Endpoint,
    readonly type: string,
  ) {
    this.base = `/api/content/${segment(type)}`;
  }

  async create(content: ContentInput<T>): Promise<MeshItem<T>> {
    return (await rest<MeshItem<T>>(this.endpoint, { method: 'POST', path: this.base, body: { content } })).data;
  }

  /** null when no record has this id (also for an id that is not a UUID). */
  async get(id: string): Promise<MeshItem<T> | null> {
    const reply = await restOrAbsent<MeshItem<T>>(this.endpoint, { method: 'GET', path: this.path(id) });
    return reply && reply.data;
  }

  async list(options: ListOptions = {}): Promise<ListResult<T>> {
    const { where, limit, offset } = options;
    const query = {
      where: where === undefined ? undefined : JSON.stringify(where),
      limit: requireIndex('limit', limit),
      offset: requireIndex('offset', offset),
    };
    const reply = await rest<MeshItem<T>[]>(this.endpoint, { method: 'GET', path: this.base, query });
    return { items: reply.data, total: reply.total ?? reply.data.length, hasMore: reply.hasMore ?? false };
  }

  /** PATCH: shallow merge; nested objects and arrays are replaced whole, `null` is stored. */
  async update(id: string, partial: Partial<T>): Promise<MeshItem<T>> {
    return (await rest<MeshItem<T>>(this.endpoint, { method: 'PATCH', path: this.path(id), body: { content: partial } })).data;
  }

  /** PUT: full replacement; fields not sent are gone. */
  async replace(id: string, content: T): Promise<MeshItem<T>> {
    return (await rest<MeshItem<T>>(this.endpoint, { method: 'PUT', path: this.path(id), body: { content } })).data;
  }

  /** false when no record has this id. */
  async delete(id: string): Promise<boolean> {
    return (await restOrAbsent(this.endpoint, { method: 'DELETE', path: this.path(id) })) !== null;
  }

  private path(id: string): string {
    return `${this.base}/${segment(requireId(id))}`;
  }
}
