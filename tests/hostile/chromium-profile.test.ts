/**
 * Mermaid renders in a Chromium with a temporary profile (src/lib/markdown/diagrams/
 * mermaid-browser.ts). A build stopped by SIGINT or SIGTERM while Chromium runs must not
 * leave that profile behind in the temporary folder. Real CLI runs, each with a temporary
 * folder of its own so the profile is found and nothing else is mistaken for it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';
import { CHROMIUM_LOOKUP } from '../helpers/browser.ts';
import { chromiumExecutable } from '../../src/lib/markdown/diagrams/chromium.ts';
import { smallPortal, startAtrium } from './build-process.ts';

let scratch: string;
let chromium: { executablePath: string; env: Record<string, string> };

beforeAll(async () => {
  scratch = await fs.realpath(await tempDir('atrium-hostile-profile-'));
  if (!CHROMIUM_LOOKUP.found) throw new Error('no Chromium for Mermaid: this test needs the one Atrium ships or a system one');
  chromium = await chromiumExecutable(CHROMIUM_LOOKUP);
});

const profiles = async (tmp: string) => (await fs.readdir(tmp)).filter((n) => n.startsWith('atrium-chromium-'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  it(`${signal} while Chromium renders a diagram: the build stops and its Chromium profile is removed`, async () => {
    const root = path.join(scratch, signal);
    const content = await smallPortal(path.join(root, 'content'));
    // Uncached (a cache of this run's own), so the build launches Chromium.
    const diagrams = Array.from({ length: 40 }, (_, i) => `\`\`\`mermaid\ngraph TD\n  A${i}[${signal} ${i}] --> B${i}\n\`\`\`\n`).join('\n');
    await fs.writeFile(path.join(content, 'products/tools/docs/index.md'), `---\ntitle: Getting started\n---\n\n${diagrams}`);
    const tmp = path.join(root, 'tmp');
    await fs.mkdir(tmp);
    const running = startAtrium(['build', '--content', content, '--out', path.join(root, 'dist'), '--chromium', chromium.executablePath], {
      cwd: root,
      env: { ...chromium.env, TMPDIR: tmp, ATRIUM_CACHE_DIR: path.join(root, 'cache') },
    });
    let finished = false;
    void running.done.then(() => (finished = true));
    const until = Date.now() + 90_000;
    while (!finished && Date.now() < until && (await profiles(tmp)).length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(finished, 'the build ended before Chromium started').toBe(false);
    expect(await profiles(tmp)).toHaveLength(1);
    running.kill(signal);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(await profiles(tmp)).toEqual([]);
  }, 120_000);
}
