/**
 * Issue 19, item 1: a commit to the content must not choose a program the build runs.
 * `chromium:` and `plantuml.jar:` in portal.yaml were executed by `atrium check` and
 * `atrium build` (CI runs both with secrets in reach). Each fixture under
 * tests/fixtures/hostile/<case>/ names a script that writes a marker file when run; the
 * tests run the real CLI and check the key is refused at its position and the script never
 * ran. The runner's own choice (`--chromium`, `ATRIUM_CHROMIUM`) is what runs instead.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/hostile');
const CHROMIUM_ERROR =
  'portal.yaml:3:11: error: chromium: programs are chosen by whoever runs the build, not by content: remove this key and pass --chromium PATH to atrium build/check/dev, or set ATRIUM_CHROMIUM';
const JAR_ERROR =
  'portal.yaml:4:8: error: plantuml.jar: programs are chosen by whoever runs the build, not by content: remove this key and pass --plantuml-jar PATH to atrium build/check/dev, or set ATRIUM_PLANTUML_JAR';

let scratch: string;
beforeAll(async () => {
  scratch = await tempDir('atrium-hostile-programs-');
});

/** A fresh copy of the case (scripts keep their executable bit) and the marker path its script would write. */
let cases = 0;
async function hostileCase(name: string): Promise<{ root: string; marker: string; env: Record<string, string> }> {
  const dir = path.join(scratch, `${name}-${++cases}`);
  const root = path.join(dir, 'content');
  await fs.cp(path.join(FIXTURES, name), root, { recursive: true });
  const marker = path.join(dir, 'program-ran');
  // A cache of its own: a diagram drawn by an earlier run would need no browser at all.
  return { root, marker, env: { ATRIUM_HOSTILE_MARKER: marker, ATRIUM_CACHE_DIR: path.join(dir, 'cache') } };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

describe('content cannot choose a program the build runs', () => {
  it('portal.yaml chromium: naming a script: check and build refuse the key at its position and never run it', async () => {
    const { root, marker, env } = await hostileCase('portal-names-chromium');
    const check = await runAtrium(['check', '--content', root], { env });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(CHROMIUM_ERROR);
    const build = await runAtrium(['build', '--content', root, '--out', path.join(scratch, 'out-chromium')], { env });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(CHROMIUM_ERROR);
    expect(await exists(marker)).toBe(false);
    expect(await exists(path.join(scratch, 'out-chromium'))).toBe(false);
  });

  it('portal.yaml chromium: relative to the working directory: refused too, never run', async () => {
    const { root, marker, env } = await hostileCase('portal-names-chromium');
    const check = await runAtrium(['check', '--content', '.'], { cwd: root, env });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(CHROMIUM_ERROR);
    expect(await exists(marker)).toBe(false);
  });

  it('portal.yaml plantuml.jar: naming a file: check and build refuse the key at its position and never run it', async () => {
    const { root, marker, env } = await hostileCase('portal-names-plantuml-jar');
    const check = await runAtrium(['check', '--content', root], { env });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(JAR_ERROR);
    const build = await runAtrium(['build', '--content', root, '--out', path.join(scratch, 'out-jar')], { env });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(JAR_ERROR);
    expect(await exists(marker)).toBe(false);
  });
});

describe('the runner chooses the programs', () => {
  it('--chromium runs the runner\'s program (the same script, chosen on the command line)', async () => {
    const { root, marker, env } = await hostileCase('portal-names-chromium');
    await fs.writeFile(path.join(root, 'portal.yaml'), 'title: Hostile portal\n');
    const script = path.join(scratch, 'runner-chromium');
    await fs.copyFile(path.join(root, 'tools/chromium'), script);
    await fs.chmod(script, 0o755);
    const check = await runAtrium(['check', '--content', root, '--chromium', script], { env });
    // The script is no browser: the run says so, as an error since the runner asked for it.
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/error: 1 Mermaid diagram will be drawn in the reader's browser because the Chromium at .*runner-chromium could not start/);
    expect(await exists(marker)).toBe(true);
  });

  it('a --chromium or ATRIUM_PLANTUML_JAR that does not exist is bad usage (exit 2)', async () => {
    const { root } = await hostileCase('portal-names-chromium');
    const flag = await runAtrium(['check', '--content', root, '--chromium', '/nonexistent/chromium']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--chromium names /nonexistent/chromium, which does not exist');
    const variable = await runAtrium(['check', '--content', root], { env: { ATRIUM_PLANTUML_JAR: '/nonexistent/plantuml.jar' } });
    expect(variable.code).toBe(2);
    expect(variable.stderr).toContain('ATRIUM_PLANTUML_JAR names /nonexistent/plantuml.jar, which does not exist');
  });
});
