import { defineConfig } from '@playwright/test';

/** Real Chromium from the system (Debian's package), never a downloaded browser. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  globalSetup: './test/e2e/global-setup.ts',
  projects: [
    {
      name: 'e2e',
      testMatch: ['{apps,packages}/*/e2e/**/*.spec.ts'],
      testIgnore: /\.cost\.spec\.ts$/,
    },
    // Host-page cost is measured alone, once the other browser tests are done: on 2 cores,
    // parallel browsers would be measured too.
    { name: 'cost', testMatch: ['{apps,packages}/*/e2e/**/*.cost.spec.ts'], dependencies: ['e2e'] },
  ],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-dev-shm-usage',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
