/** One request the emulator served, as shown in failure reports. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** The failure envelope's error code, when there was one. */
  readonly errorCode?: string;
  /** Set when an injected fault (mesh.faults) answered it, dropped it (status 0) or delayed it. */
  readonly injected?: 'answer' | 'drop' | 'delay';
}

/** A bounded ring of recent requests, so a failing test can show what the server saw. */
export class RequestLog {
  private readonly items: RecordedRequest[] = [];

  constructor(private readonly size: number) {}

  add(entry: RecordedRequest): void {
    if (this.size === 0) return;
    this.items.push(entry);
    if (this.items.length > this.size) this.items.shift();
  }

  entries(): RecordedRequest[] {
    return this.items.map((item) => ({ ...item }));
  }

  clear(): void {
    this.items.length = 0;
  }
}
