// One lint configuration for the whole repository; each workspace runs `eslint .` against it.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/.turbo/**',
      '**/next-env.d.ts',
      '.cache/**',
      '.run/**',
      'data/**',
      '**/coverage/**',
      '**/test-results/**',
      '**/playwright-report/**',
      // Static pages and scripts of the test site: served to browsers as they are.
      'test/site/pages/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Unhandled promises lose errors silently in a streaming pipeline.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    // The admin app's pages: the rules of hooks, and Next.js's own.
    files: ['apps/web/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // The layers: apps → runtime → adapters → ports → contract. Each may import only downwards.
  {
    files: ['packages/{contract,ports,windowing,scoring,alerting,enrichment}/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@sightline/*', '!@sightline/contract'],
              message: 'The ports and the pure logic import only the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'packages/{bus,config-store,store-elasticsearch,store-influxdb,store-embedded}/src/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@sightline/runtime',
                '@sightline/runtime/*',
                '@sightline/ingest',
                '@sightline/processor',
                '@sightline/chatbot',
                '@sightline/web',
                '@sightline/web/*',
                '@sightline/standalone',
                '@sightline/store-elasticsearch',
                '@sightline/store-influxdb',
                '@sightline/store-embedded',
              ],
              message:
                'An adapter implements the ports: it imports no app, runtime or other store.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/*/src/**/*.ts', 'apps/web/server/**/*.ts', 'apps/web/app/**/*.{ts,tsx}'],
    ignores: ['apps/*/src/main.ts', 'apps/web/server/main.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@sightline/store-elasticsearch',
                '@sightline/store-influxdb',
                '@sightline/store-embedded',
              ],
              allowTypeImports: true,
              message: 'Apps run on the ports; @sightline/runtime opens the adapters.',
            },
            {
              group: ['@sightline/runtime', '@sightline/runtime/*'],
              message: "Only an app's main opens its parts: its library takes them as arguments.",
            },
          ],
        },
      ],
    },
  },
  {
    // Command-line scripts, tests and benchmarks talk to a terminal.
    files: [
      '**/*.test.ts',
      '**/test/**',
      '**/cli/**',
      'bench/**',
      '**/scripts/**',
      '**/*.config.*',
    ],
    rules: {
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Build scripts and test fixtures written in plain JavaScript run on Node.
    files: ['**/scripts/**/*.mjs', '**/test/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
