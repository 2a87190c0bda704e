/** The three ways to install the tracker for a site, with its key and ingest's public address. */
export function installSnippets(site: string, ingestPublicUrl: string) {
  const base = ingestPublicUrl.replace(/\/+$/, '');
  return {
    html: `<script defer src="${base}/sightline.js" data-site="${site}"></script>`,
    npm: [
      'npm install @sightline/tracker',
      '',
      "import { init } from '@sightline/tracker';",
      `const sightline = init({ site: '${site}', endpoint: '${base}' });`,
    ].join('\n'),
    cli: `npx @sightline/tracker inject ./public --site ${site} --src ${base}/sightline.js`,
  };
}
