// Regenerates the repository's .env.example and the table in docs/configuration.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample, renderMarkdownTable } from '../env-example.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
writeFileSync(join(root, '.env.example'), renderEnvExample());
console.log('wrote .env.example');

const docPath = join(root, 'docs', 'configuration.md');
const doc = readFileSync(docPath, 'utf8');
const begin = '<!-- variables:begin -->';
const end = '<!-- variables:end -->';
const start = doc.indexOf(begin);
const stop = doc.indexOf(end);
if (start < 0 || stop < 0) throw new Error(`${docPath} lacks the ${begin} … ${end} markers`);
writeFileSync(
  docPath,
  `${doc.slice(0, start + begin.length)}\n${renderMarkdownTable()}\n${doc.slice(stop)}`,
);
console.log('wrote docs/configuration.md');
