/**
 * The services of one control plane, as its decK file lists them, looked up the way a log
 * line or a metric label names them: by id first (stable across renames), then by name
 * (Kong's Prometheus labels, and log lines from data planes whose ids differ from the
 * decK file's).
 */
import type { OperationIndex, ServiceOperations } from './operation-matcher.ts';

export interface ServiceRef {
  id?: string;
  name?: string;
}

/** The key a service is stored under in a snapshot: its id, else `name:<name>`. */
export function serviceKey(service: ServiceRef): string {
  return service.id ? service.id : `name:${service.name ?? ''}`;
}

/**
 * Whether two references mean the same service: equal ids when both have one, otherwise
 * equal names.
 */
export function sameService(a: ServiceRef, b: ServiceRef): boolean {
  if (a.id && b.id) return a.id === b.id;
  return a.name !== undefined && a.name !== '' && a.name === b.name;
}

export class ServiceIndex {
  private readonly byId = new Map<string, ServiceRef>();
  private readonly byName = new Map<string, ServiceRef>();
  private readonly operations = new Map<ServiceRef, ServiceOperations>();

  /**
   * With `operations`, traffic is also counted per operation for every service a version
   * links (the others have no spec to match against).
   */
  constructor(services: readonly ServiceRef[], operations?: Pick<OperationIndex, 'forService'>) {
    for (const s of services) {
      const ref: ServiceRef = {};
      if (s.id) ref.id = s.id;
      if (s.name) ref.name = s.name;
      if (!ref.id && !ref.name) continue;
      if (ref.id && !this.byId.has(ref.id)) this.byId.set(ref.id, ref);
      if (ref.name && !this.byName.has(ref.name)) this.byName.set(ref.name, ref);
      const ops = operations?.forService(ref);
      if (ops !== undefined) this.operations.set(ref, ops);
    }
  }

  /** The operations of a service this index handed out, when a version links it. */
  operationsOf(service: ServiceRef): ServiceOperations | undefined {
    return this.operations.get(service);
  }

  get size(): number {
    return new Set([...this.byId.values(), ...this.byName.values()]).size;
  }

  /** The control plane's service for a log line's `service.id` / `service.name`. */
  match(id: unknown, name: unknown): ServiceRef | undefined {
    if (typeof id === 'string' && id !== '') {
      const found = this.byId.get(id);
      if (found) return found;
    }
    if (typeof name === 'string' && name !== '') return this.byName.get(name);
    return undefined;
  }
}
