import { variables } from './variables.js';

/** Renders `.env.example`: every variable, grouped, with its description and default. */
export function renderEnvExample(): string {
  const lines = [
    '# Sightline configuration. Every variable is optional: the defaults run the product locally.',
    '# Generated from packages/config/src/variables.ts (npm run env-example -w @sightline/config).',
  ];
  let group = '';
  for (const [name, spec] of Object.entries(variables)) {
    if (spec.group !== group) {
      group = spec.group;
      lines.push('', `# --- ${group} ---`);
    }
    lines.push(`# ${spec.description}`);
    lines.push(`# ${name}=${'default' in spec ? spec.default : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Renders the variables table of docs/configuration.md. */
export function renderMarkdownTable(): string {
  const rows = Object.entries(variables).map(([name, spec]) => {
    const value = 'default' in spec && spec.default !== '' ? `\`${spec.default}\`` : '—';
    return `| \`${name}\` | ${spec.group} | ${value} | ${spec.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Variable | Group | Default | Meaning |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}
