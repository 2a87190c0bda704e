// Regenerates packages/contract/json-schema/ from the zod schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractJsonSchemas } from '../json-schema.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'json-schema');
mkdirSync(outDir, { recursive: true });
for (const [file, schema] of Object.entries(contractJsonSchemas())) {
  writeFileSync(join(outDir, file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${join(outDir, file)}`);
}
