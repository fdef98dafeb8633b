import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers (README, Development). Unit: the pure src/lib (and scripts) tests — no browser, no
 * JVM, no build, under a minute (`npm run test:unit`). Integration: everything that runs real
 * programs — builds of the example portal, Chromium (Mermaid, the browser tests), PlantUML on
 * Java, Prometheus, tsc, the GHES specs fetched with npm, the CLI against hostile input
 * (`npm run test:integration`). `npm test` runs both, as CI does. A test that starts Chromium
 * or Java belongs in the second.
 *
 * Unit test files share their workers' modules (`isolate: false`): importing Ajv's schemas,
 * Shiki and the pipeline once per worker instead of once per file halves the tier's CPU time.
 * A file that replaces a module (`vi.mock`) needs modules of its own, so those run isolated.
 */
const UNIT = 'tests/unit/**/*.test.ts';
const MOCKING = globSync(UNIT, { cwd: import.meta.dirname }).filter((file) => /\bvi\.(mock|doMock)\(/.test(readFileSync(path.join(import.meta.dirname, file), 'utf8')));

export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['tests/global-tmpdir.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: [UNIT], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'unit-isolated', include: MOCKING } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts', 'tests/hostile/**/*.test.ts', 'tests/browser/**/*.test.ts'] } },
    ],
  },
});
