import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '..', 'src', 'cli', 'inject.ts');
const run = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });

const pages: Record<string, string> = {
  'index.html':
    '<!doctype html>\n<html>\n<head>\n<title>Home</title>\n</head>\n<body>Home</body>\n</html>\n',
  'about/index.html': '<html><body>About, no head</body></html>',
  'about/team/people.htm': '<p>a bare fragment</p>',
  'blog/post.html':
    '<html><head><script defer src="https://old.example/sightline.js" data-site="old"></script></head><body></body></html>',
  'styles.css': 'body { color: red }',
  'node_modules/lib/readme.html': '<html><head></head></html>',
};

describe('sightline-tracker inject', () => {
  let site: string;
  beforeEach(() => {
    site = mkdtempSync(join(tmpdir(), 'sightline-site-'));
    for (const [path, content] of Object.entries(pages)) {
      mkdirSync(join(site, path, '..'), { recursive: true });
      writeFileSync(join(site, path), content);
    }
  });
  const read = (path: string) => readFileSync(join(site, path), 'utf8');
  const tags = (path: string) => read(path).match(/sightline\.js/g)?.length ?? 0;

  it('tags every HTML file, recursively, once, and twice changes nothing', () => {
    const first = run(
      'inject',
      site,
      '--site',
      'demo',
      '--src',
      'https://stats.example.com/sightline.js',
    );
    expect(first).toContain('4 file(s) tagged');
    for (const page of [
      'index.html',
      'about/index.html',
      'about/team/people.htm',
      'blog/post.html',
    ]) {
      expect(tags(page)).toBe(1);
      expect(read(page)).toContain('data-site="demo"');
    }
    expect(read('styles.css')).toBe(pages['styles.css']);
    expect(read('node_modules/lib/readme.html')).toBe(pages['node_modules/lib/readme.html']);

    const snapshot = Object.keys(pages).map(read);
    const second = run(
      'inject',
      site,
      '--site',
      'demo',
      '--src',
      'https://stats.example.com/sightline.js',
    );
    expect(second).toContain('0 file(s) tagged, 4 already up to date');
    expect(Object.keys(pages).map(read)).toEqual(snapshot);
  });

  it('changes nothing on a dry run', () => {
    const output = run('inject', site, '--site', 'demo', '--dry-run');
    expect(output).toContain('would update index.html');
    expect(output).toContain('4 file(s) would be tagged');
    for (const [path, content] of Object.entries(pages)) expect(read(path)).toBe(content);
  });

  it('removes what it added', () => {
    run('inject', site, '--site', 'demo');
    expect(run('inject', site, '--remove')).toContain('4 file(s) untagged');
    expect(read('index.html')).toBe(pages['index.html']);
    expect(tags('blog/post.html')).toBe(0);
  });

  it('refuses bad usage with a clear message and exit code 2', () => {
    for (const args of [
      ['inject', site],
      ['inject'],
      ['inject', join(site, 'missing'), '--site', 'demo'],
      ['inject', site, '--site', 'bad key!'],
    ]) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
        encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/required|Expected|does not exist|not a site key/);
    }
  });
});
