import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MemoryView, parseKey } from './memory-view.js';
import type { ConfigChange, ConfigKind, ConfigStore } from '@sightline/ports';

/**
 * The configuration of the embedded mode: one JSON file, rewritten atomically (temporary file and
 * rename) on every change, so a crash never leaves half a file.
 */
export class FileConfigStore implements ConfigStore {
  private readonly view = new MemoryView();

  constructor(private readonly path: string) {}

  start(): Promise<void> {
    let stored: Record<string, unknown> = {};
    try {
      stored = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        return Promise.reject(
          new Error(`cannot read configuration ${this.path}: ${String(error)}`),
        );
      }
    }
    for (const [key, value] of Object.entries(stored)) {
      const parsed = parseKey(key);
      if (parsed) this.view.apply(parsed.kind, parsed.id, value);
    }
    return Promise.resolve();
  }

  get(kind: ConfigKind, id: string): unknown {
    return this.view.get(kind, id);
  }

  list(kind: ConfigKind): { id: string; value: unknown }[] {
    return this.view.list(kind);
  }

  put(kind: ConfigKind, id: string, value: unknown): Promise<void> {
    this.view.apply(kind, id, value);
    return this.save();
  }

  remove(kind: ConfigKind, id: string): Promise<void> {
    this.view.apply(kind, id, undefined);
    return this.save();
  }

  onChange(listener: (change: ConfigChange) => void): () => void {
    return this.view.onChange(listener);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private save(): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(
      temporary,
      `${JSON.stringify(Object.fromEntries(this.view.entries()), null, 2)}\n`,
    );
    renameSync(temporary, this.path);
    return Promise.resolve();
  }
}
