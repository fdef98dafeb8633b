import { defineConfig } from 'vitest/config';

/**
 * Two tiers (README, Development). `unit`: the pure src/lib (and scripts) tests — no browser, no
 * JVM, no build, under a minute (`npm run test:unit`). `integration`: everything that runs real
 * programs — builds of the example portal, Chromium (Mermaid, the browser tests), PlantUML on
 * Java, Prometheus, tsc, the GHES specs fetched with npm, the CLI against hostile input
 * (`npm run test:integration`).
 * `npm test` runs both, as CI does. A test that starts Chromium or Java belongs in the second.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts', 'tests/hostile/**/*.test.ts', 'tests/browser/**/*.test.ts'] } },
    ],
  },
});
