// Builds the tracker: the core script (script tag), the live script it loads after the page,
// and an ESM build for bundlers — contract limits inlined — and fails when the core script
// exceeds its size budget.
import { build } from 'esbuild';
import { minify } from 'terser';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => join(root, 'dist', file);
/** min+gzip of the core script, the one every page loads first (3 KiB + 128 B). */
const CORE_BUDGET_BYTES = 3_200;

// The limits come from the contract's built module, so tracker and ingest agree.
const { LIMITS } = await import(
  createRequire(import.meta.url).resolve('@sightline/contract/limits')
);
const define = Object.fromEntries(
  Object.entries(LIMITS).map(([key, value]) => [`SL_LIMITS.${key}`, JSON.stringify(value)]),
);

// Internal fields start with "_" and get short names; one cache keeps them the same in every
// build, since the core and the live script call into each other.
let mangleCache = {};
async function bundle(entry, outfile, format) {
  const result = await build({
    entryPoints: [join(root, 'src', entry)],
    outfile: dist(outfile),
    bundle: true,
    format,
    define,
    target: 'es2020',
    minify: true,
    mangleProps: /^_/,
    mangleCache,
    legalComments: 'none',
    // The browser builds do not depend on the package's tsconfig (its "strict" would add a
    // "use strict" prologue the code does not need).
    tsconfigRaw: {},
    logLevel: 'warning',
  });
  mangleCache = result.mangleCache;
  // terser's multi-pass compression shaves what esbuild leaves.
  const { code } = await minify(readFileSync(dist(outfile), 'utf8'), {
    module: format === 'esm',
    ecma: 2020,
    compress: { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true },
    format: { comments: false },
  });
  writeFileSync(dist(outfile), code);
  return { file: outfile, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const sizes = [
  await bundle('script-tag.ts', 'sightline.js', 'iife'),
  await bundle('live.ts', 'sightline-live.js', 'iife'),
  await bundle('esm.ts', 'sightline.esm.js', 'esm'),
];
writeFileSync(
  dist('size.json'),
  `${JSON.stringify({ budget: CORE_BUDGET_BYTES, sizes }, null, 2)}\n`,
);
for (const size of sizes)
  console.log(`${size.file}: ${size.minified} B minified, ${size.gzip} B gzip`);
const core = sizes[0].gzip;
if (core > CORE_BUDGET_BYTES) {
  console.error(
    `sightline.js is ${core - CORE_BUDGET_BYTES} B over its ${CORE_BUDGET_BYTES} B budget`,
  );
  process.exit(1);
}
console.log(
  `sightline.js is within its ${CORE_BUDGET_BYTES} B budget (${CORE_BUDGET_BYTES - core} B to spare)`,
);
