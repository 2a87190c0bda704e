import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The tracker package of this installation: the package is not on the npm registry, so the
 * commands shown point at its folder, and work as written on this machine.
 */
export const trackerDir = (): string =>
  dirname(createRequire(import.meta.url).resolve('@sightline/tracker/package.json'));

/** The three ways to install the tracker for a site, with its key and ingest's public address. */
export function installSnippets(site: string, ingestPublicUrl: string, tracker: string) {
  const base = ingestPublicUrl.replace(/\/+$/, '');
  return {
    html: `<script defer src="${base}/sightline.js" data-site="${site}"></script>`,
    npm: [
      `npm install ${tracker}`,
      '',
      "import { init } from '@sightline/tracker';",
      `const sightline = init({ site: '${site}', endpoint: '${base}' });`,
    ].join('\n'),
    cli: `node ${join(tracker, 'dist', 'cli', 'inject.js')} inject ./public --site ${site} --src ${base}/sightline.js`,
  };
}
