import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { machine, today } from './machine.js';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * Records a benchmark's result: the raw figures in bench/results/<name>.json, and the table in
 * docs/benchmarks.md between the section's markers (created at the end of the file if missing).
 */
export async function record(
  name: string,
  title: string,
  command: string,
  table: string,
  raw: unknown,
  notes = '',
): Promise<void> {
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(root, 'bench', 'results', `${name}.json`),
    `${JSON.stringify({ name, date: today(), machine: machine(), command, raw }, null, 2)}\n`,
  );
  const section = [
    `<!-- bench:${name}:begin -->`,
    `### ${title}`,
    '',
    `Measured ${today()} on ${machine()}, with \`${command}\`.`,
    '',
    table,
    ...(notes ? ['', notes] : []),
    `<!-- bench:${name}:end -->`,
  ].join('\n');
  const path = join(root, 'docs', 'benchmarks.md');
  const doc = readFileSync(path, 'utf8');
  const begin = doc.indexOf(`<!-- bench:${name}:begin -->`);
  const end = doc.indexOf(`<!-- bench:${name}:end -->`);
  const updated =
    begin >= 0 && end > begin
      ? `${doc.slice(0, begin)}${section}${doc.slice(end + `<!-- bench:${name}:end -->`.length)}`
      : `${doc.trimEnd()}\n\n${section}\n`;
  // Laid out as the repository's formatter wants it, so a recorded result passes the check.
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(updated, { ...options, filepath: path }));
  console.log(`\n${section}\n`);
}

export const table = (header: string[], rows: (string | number)[][]): string =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
