import { readFileSync } from 'node:fs';

/** Resident memory of a process now, in MiB (0 once it is gone). */
export function rssMiB(pid: number): number {
  return residentMiB(pid).rss;
}

/**
 * Resident memory in MiB, and its two parts: anonymous (heaps, buffers) and file-backed (mapped
 * files: the binaries, and any data file a library maps).
 */
export function residentMiB(pid: number): { rss: number; anon: number; file: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) =>
      Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
    return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') };
  } catch {
    return { rss: 0, anon: 0, file: 0 };
  }
}
