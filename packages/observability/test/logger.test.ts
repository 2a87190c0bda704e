import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built module in a process of its own, its stdout a pipe as under a log collector.
const built = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'index.js')).href;
const logged = (format: string) =>
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { createLogger } = await import(${JSON.stringify(built)});
       createLogger('ingest', 'info', ${JSON.stringify(format)}).info({ site: 'shop', password: 'x' }, 'listening');`,
    ],
    { encoding: 'utf8' },
  ).trim();

describe('logs', () => {
  it('are one JSON object per line when stdout is piped, secrets redacted', () => {
    for (const format of ['auto', 'json']) {
      const entry = JSON.parse(logged(format)) as Record<string, unknown>;
      expect(entry).toMatchObject({
        level: 'info',
        service: 'ingest',
        site: 'shop',
        password: '[redacted]',
        msg: 'listening',
      });
    }
  });

  it('are one readable line each when asked (as on a terminal), secrets redacted', () => {
    const line = logged('pretty');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toMatch(/^\{/);
    expect(line).toMatch(/\d\d:\d\d:\d\d\.\d{3}/);
    expect(line).toContain('ingest listening');
    expect(line).toContain('"site":"shop"');
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('"x"');
  });
});
