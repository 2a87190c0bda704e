import { CONFIG_KINDS, type ConfigChange, type ConfigKind } from '@sightline/ports';

/** The in-memory view both adapters keep: records by kind and id, plus change listeners. */
export class MemoryView {
  private readonly records = new Map<string, unknown>();
  private readonly listeners = new Set<(change: ConfigChange) => void>();

  static key(kind: ConfigKind, id: string): string {
    return `${kind}:${id}`;
  }

  get(kind: ConfigKind, id: string): unknown {
    return this.records.get(MemoryView.key(kind, id));
  }

  list(kind: ConfigKind): { id: string; value: unknown }[] {
    const prefix = `${kind}:`;
    return [...this.records]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => ({ id: key.slice(prefix.length), value }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  entries(): [string, unknown][] {
    return [...this.records];
  }

  apply(kind: ConfigKind, id: string, value: unknown): void {
    const key = MemoryView.key(kind, id);
    if (value === undefined) this.records.delete(key);
    else this.records.set(key, value);
    for (const listener of this.listeners) listener({ kind, id, value });
  }

  onChange(listener: (change: ConfigChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const KINDS = new Set<string>(CONFIG_KINDS);

/** Splits a "kind:id" key; undefined for keys that are not configuration. */
export function parseKey(key: string): { kind: ConfigKind; id: string } | undefined {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  if (at < 1 || !KINDS.has(kind)) return undefined;
  return { kind: kind as ConfigKind, id: key.slice(at + 1) };
}
