import { readdirSync, readFileSync } from 'node:fs';
import pidusage from 'pidusage';

/** A process and its children (cluster workers), from /proc. */
function family(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent pid (after the parenthesised name).
        return (
          Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid
        );
      } catch {
        return false;
      }
    })
    .map(Number);
  return [pid, ...children];
}

export interface ResourceUse {
  /** Mean CPU of the process, in % of one core. */
  cpuMean: number;
  cpuMax: number;
  rssMaxMiB: number;
}

/** Samples the CPU and memory of a process and its children every half second until stopped. */
export function sampleResources(pid: number): { stop(): Promise<ResourceUse> } {
  const samples: { cpu: number; memory: number }[] = [];
  const timer = setInterval(() => {
    pidusage(family(pid))
      .then((stats) => {
        const all = Object.values(stats);
        samples.push({
          cpu: all.reduce((sum, s) => sum + s.cpu, 0),
          memory: all.reduce((sum, s) => sum + s.memory, 0),
        });
      })
      .catch(() => undefined);
  }, 500);
  return {
    async stop() {
      clearInterval(timer);
      await new Promise((resolve) => setTimeout(resolve, 600));
      pidusage.clear();
      const cpu = samples.map((s) => s.cpu);
      return {
        cpuMean: Math.round(cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length)),
        cpuMax: Math.round(Math.max(0, ...cpu)),
        rssMaxMiB: Math.round(Math.max(0, ...samples.map((s) => s.memory)) / 2 ** 20),
      };
    },
  };
}

/** Busy and total CPU time of the whole machine so far (/proc/stat, in clock ticks). */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const ticks = fields.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** The share of all the machine's cores that was busy between start and stop, in %. */
export function sampleMachine(): { stop(): number } {
  const start = machineTicks();
  return {
    stop() {
      const end = machineTicks();
      return Math.round((100 * (end.busy - start.busy)) / Math.max(1, end.total - start.total));
    },
  };
}
