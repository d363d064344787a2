// The code under test: a TypeScript port of how the voice bot talks to Mesh (see the contract's
// "How clients use it"). Raw fetch, both secret headers, `?tenant=` on every call, and the
// register-and-retry-once reaction to CONTENT_CREATE_ERR. The demo tests exercise it against the
// emulator and check the results with `mesh.client`.
import { TENANT_CATALOGUE } from '../../../src/definitions';

export interface BotStoreConfig {
  /** Base URL ending in `/api`. */
  readonly apiUrl: string;
  readonly meshSecret: string;
  readonly botSecret: string;
  readonly tenantId: string;
}

export interface BotNote {
  _id: string;
  userId: string;
  tenantId: string;
  title: string;
  content: string;
  mode: 'personal' | 'work';
}

export interface BotApp {
  _id: string;
  title: string;
  contentType: string;
  createdBy: string;
  tags?: string[];
}

/** How the bot sees a failure: the status and the first 200 characters of the body. */
export class BotStoreError extends Error {
  override readonly name = 'BotStoreError';
  constructor(readonly status: number, readonly body: string) {
    super(`Mesh answered ${status}: ${body.slice(0, 200)}`);
  }
}

interface Envelope<T> { success: boolean; data: T; total?: number; hasMore?: boolean }

export class BotStore {
  /** Requests sent, `METHOD path`, so tests can see the retry. */
  readonly sent: string[] = [];

  constructor(private readonly config: BotStoreConfig) {}

  async createNote(userId: string, title: string, content: string, mode: BotNote['mode'] = 'personal'): Promise<BotNote> {
    const note = { userId, title, content, mode, tenantId: this.config.tenantId, normalizedTitle: title.toLowerCase() };
    try {
      return await this.call<BotNote>('POST', '/content/Notes', { content: note });
    } catch (error) {
      if (!(error instanceof BotStoreError) || !error.body.includes('CONTENT_CREATE_ERR')) throw error;
      await this.registerDefinition('Notes');
      return this.call<BotNote>('POST', '/content/Notes', { content: note });
    }
  }

  async getNote(id: string): Promise<BotNote | null> {
    const found = await this.call<BotNote[]>('GET', '/content/Notes', undefined, { where: { page_id: { eq: id } }, limit: 1 });
    return found[0] ?? null;
  }

  updateNoteContent(id: string, content: string): Promise<BotNote> {
    return this.call<BotNote>('PATCH', `/content/Notes/${id}`, { content: { content } });
  }

  async deleteNote(id: string): Promise<void> {
    await this.call('DELETE', `/content/Notes/${id}`);
  }

  /** The user's HTML apps, as the bot lists them before it offers to open one. */
  listUserApps(userId: string): Promise<BotApp[]> {
    return this.call<BotApp[]>('GET', '/content/HtmlGeneration', undefined, { where: this.ownedBy(userId), limit: 100 });
  }

  /** "Open my note about ..." — a case-insensitive substring match on the title, for one user. */
  searchNotes(userId: string, text: string): Promise<BotNote[]> {
    const where = { AND: [...this.ownedBy(userId).AND, { indexer: { path: 'title', contains: text } }] };
    return this.call<BotNote[]>('GET', '/content/Notes', undefined, { where, limit: 25 });
  }

  private ownedBy(userId: string) {
    return { AND: [{ indexer: { path: 'tenantId', equals: this.config.tenantId } }, { parent_id: { eq: userId } }] };
  }

  private async registerDefinition(block: string): Promise<void> {
    const definition = TENANT_CATALOGUE.find((candidate) => candidate.dataModel.block === block);
    await this.call('POST', '/definition', { definition: { ...definition, tenantId: this.config.tenantId } });
  }

  private async call<T>(method: string, path: string, body?: unknown, query: { where?: unknown; limit?: number } = {}): Promise<T> {
    const params = new URLSearchParams({ tenant: this.config.tenantId });
    if (query.where !== undefined) params.set('where', JSON.stringify(query.where));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    this.sent.push(`${method} ${path}`);
    const response = await fetch(`${this.config.apiUrl}${path}?${params}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-mesh-secret': this.config.meshSecret,
        'x-bot-control-secret': this.config.botSecret,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new BotStoreError(response.status, text);
    return (JSON.parse(text) as Envelope<T>).data;
  }
}

/** A BotStore wired to this worker's emulator, as the bot's config would be in production. */
export function botStoreFor(tenantId: string): BotStore {
  return new BotStore({ apiUrl: mesh.apiUrl, meshSecret: mesh.secrets.mesh, botSecret: mesh.secrets.botControl, tenantId });
}
