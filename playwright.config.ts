import { defineConfig } from '@playwright/test';
import { E2E } from './e2e/support/env.ts';

// One worker: every test shares one anvil and isolates itself with evm_snapshot / evm_revert.
export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: process.env.E2E_SLOT ? `playwright-report-${process.env.E2E_SLOT}` : 'playwright-report' }]],
  outputDir: process.env.E2E_SLOT ? `test-results/slot-${process.env.E2E_SLOT}` : 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${E2E.appPort}`,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
