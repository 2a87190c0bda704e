import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source under the "sightline-source" condition.
  transpilePackages: ['@sightline/alerting', '@sightline/config', '@sightline/contract'],
  poweredByHeader: false,
  // Types are checked by the typecheck task (tsc over the app, the server and the tests); the
  // build need not check them again.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
};

export default config;
