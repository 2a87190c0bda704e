import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** The workspaces package.json declares ("packages/*" and the like), as folders. */
function workspaces(): string[] {
  const patterns = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      workspaces: string[];
    }
  ).workspaces;
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(ROOT, parent), { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(join(ROOT, parent, entry.name, 'package.json')),
      )
      .map((entry) => `${parent}/${entry.name}`);
  });
}

/** The paths in the first column of the README's "Repository" table. */
function readmeRows(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Repository'),
    readme.indexOf('\n## ', readme.indexOf('## Repository') + 1),
  );
  return [...section.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1]!.replace(/\/$/, ''));
}

describe('the README', () => {
  it('lists every workspace in its repository table, and nothing that is gone', () => {
    const listed = readmeRows();
    const present = workspaces();
    expect(present.length).toBeGreaterThan(10);
    expect(present.filter((path) => !listed.includes(path))).toEqual([]);
    expect(listed.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('has every workspace say in its own README what it owns', () => {
    expect(workspaces().filter((path) => !existsSync(join(ROOT, path, 'README.md')))).toEqual([]);
  });
});
