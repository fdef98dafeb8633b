/**
 * The browser tests' Chromium: the same lookup the build uses (src/lib/markdown/diagrams/
 * chromium.ts) — the runner's choice, a system Chromium, else the one Atrium ships — so no
 * browser test skips on a fresh machine. Without any, launching fails loudly.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_WAYS_OUT, chromiumExecutable, findChromium } from '../../src/lib/markdown/diagrams/chromium.ts';
import { chooseDiagramPrograms } from '../../src/lib/markdown/diagrams/programs.ts';

export const CHROMIUM_LOOKUP = findChromium(chooseDiagramPrograms().chromium);

/** Playwright gives every launch a fresh temporary profile (its own --user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_LOOKUP.found) throw new Error(`no Chromium for the browser tests: ${CHROMIUM_WAYS_OUT}`);
  const { executablePath, env } = await chromiumExecutable(CHROMIUM_LOOKUP);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, ...(env ? { env: { ...process.env, ...env } } : {}) });
}

const AXE_SOURCE = fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe-core's WCAG violations on the page, one line each (`rule: selectors`). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    type AxeResult = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(o?: object): Promise<AxeResult> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
