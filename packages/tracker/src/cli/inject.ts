#!/usr/bin/env node
// sightline-tracker inject <folder> --site KEY [--src URL] [--remove] [--dry-run]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { injectTag, removeTag, scriptTag } from './tag.js';

const USAGE = `Adds the Sightline script tag to every HTML file of a static site.

Usage:
  sightline-tracker inject <folder> --site SITE_KEY [--src URL] [--dry-run]
  sightline-tracker inject <folder> --remove [--dry-run]

Options:
  --site KEY    the site key shown in the admin app
  --src URL     address of sightline.js (default: $SIGHTLINE_SCRIPT_URL or http://localhost:3001/sightline.js)
  --remove      take the tag out of every page instead
  --dry-run     say what would change, change nothing
`;

const SKIP = new Set(['node_modules', '.git']);

function* htmlFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !SKIP.has(entry.name)) yield* htmlFiles(path);
    else if (entry.isFile() && /\.html?$/i.test(entry.name)) yield path;
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        site: { type: 'string' },
        src: { type: 'string' },
        remove: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, folder] = positionals;
  if (command !== 'inject' || !folder) fail('Expected: inject <folder>');
  if (!values.remove && !values.site) fail('--site is required (or --remove)');
  if (values.site && !/^[A-Za-z0-9_-]{1,64}$/.test(values.site))
    fail(`--site "${values.site}" is not a site key`);
  const src =
    values.src ?? process.env.SIGHTLINE_SCRIPT_URL ?? 'http://localhost:3001/sightline.js';
  if (!/^(https?:)?\/\/|^\//.test(src)) fail(`--src "${src}" is not a URL`);
  try {
    if (!statSync(folder).isDirectory()) fail(`${folder} is not a folder`);
  } catch {
    fail(`${folder} does not exist`);
  }

  const tag = values.site ? scriptTag(values.site, src) : '';
  const dryRun = values['dry-run'];
  let changed = 0;
  let unchanged = 0;
  for (const file of htmlFiles(folder)) {
    const before = readFileSync(file, 'utf8');
    const after = values.remove ? removeTag(before) : injectTag(before, tag);
    if (after === before) {
      unchanged++;
      continue;
    }
    changed++;
    process.stdout.write(`${dryRun ? 'would update' : 'updated'} ${relative(folder, file)}\n`);
    if (!dryRun) writeFileSync(file, after);
  }
  const verb = values.remove ? 'untagged' : 'tagged';
  process.stdout.write(
    `${changed} file(s) ${dryRun ? `would be ${verb}` : verb}, ${unchanged} already ${values.remove ? 'without the tag' : 'up to date'}\n`,
  );
}

main(process.argv.slice(2));
