import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

export interface DedicatedService {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A server of the test's own, on its own ports and data folder, started and stopped through
 * infra/ — for tests that take a service down, without disturbing the shared ones.
 */
export function dedicatedService(
  service: 'kafka' | 'elasticsearch' | 'influxdb',
  name: string,
  ports: Record<string, number>,
): DedicatedService {
  const env = {
    ...process.env,
    SIGHTLINE_RUN_DIR: join(root, '.run', 'dedicated', name),
    ...Object.fromEntries(Object.entries(ports).map(([key, value]) => [key, String(value)])),
  };
  const script = (file: string) =>
    run('bash', [join(root, 'infra', file), service], { env, timeout: 180_000 });
  return {
    start: async () => void (await script('up.sh')),
    stop: async () => void (await script('down.sh')),
    destroy: async () => void (await script('reset.sh')),
  };
}
