import { badRequest } from '../errors';
import { checkFaultSpec, type ActiveFault } from './faults';

type Armed = { -readonly [K in keyof ActiveFault]: ActiveFault[K] };

/** A request as far as fault matching cares. */
export interface FaultTarget { readonly method: string; readonly path: string }

/** The armed faults of one server. Reset and clear() disarm them and let delayed requests go on at once. */
export class FaultBook {
  private faults: Armed[] = [];
  private nextId = 1;
  private readonly waiting = new Set<() => void>();

  /** Arms a fault; an invalid spec is a 400 BAD_FAULT listing every problem. */
  inject(spec: unknown, key = 'fault'): ActiveFault {
    const { fault, problems } = checkFaultSpec(spec, key, this.nextId);
    if (!fault) throw badRequest('BAD_FAULT', problems.join('; '), { problems });
    this.nextId += 1;
    this.faults.push({ ...fault });
    return { ...fault };
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
    for (const release of this.waiting) release();
    this.waiting.clear();
  }

  /** The first armed fault that catches this request, counted as used; undefined when none does. */
  take(target: FaultTarget): ActiveFault | undefined {
    const index = this.faults.findIndex((fault) => catches(fault, target));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    if (fault.remaining !== 'always') {
      fault.remaining -= 1;
      if (fault.remaining === 0) this.faults.splice(index, 1);
    }
    return { ...fault };
  }

  /** Waits `ms`, or less when the faults are cleared meanwhile (a reset must not leave requests hanging). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.waiting.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.waiting.add(release);
    });
  }
}

function catches(fault: ActiveFault, target: FaultTarget): boolean {
  if (fault.method !== undefined && fault.method !== target.method.toUpperCase()) return false;
  if (fault.path !== undefined && !globMatches(fault.path, target.path)) return false;
  return fault.type === undefined || fault.type === contentTypeOf(target.path);
}

/** `*` matches any run of characters, `/` included; everything else literally. */
function globMatches(pattern: string, path: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(path);
}

/** The `:type` of `/api/content/:type...` and `/api/definition/:type`. */
export function contentTypeOf(path: string): string | undefined {
  const segment = /^\/api\/(?:content|definition)\/([^/]+)/.exec(path)?.[1];
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
