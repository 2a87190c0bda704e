import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source under the "sightline-source" condition.
  transpilePackages: ['@sightline/alerting', '@sightline/config', '@sightline/contract'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
