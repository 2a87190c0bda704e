import { cpus, release, totalmem } from 'node:os';

/** One line describing where a benchmark ran. */
export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}`;
}

export const today = (): string => new Date().toISOString().slice(0, 10);
