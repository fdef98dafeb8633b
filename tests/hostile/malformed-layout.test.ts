/**
 * Issue 19: a page name that collides with a file the build writes (`slug: index.md` passed
 * `check` and then crashed the build with EISDIR) or that tries to leave its folder must be
 * a content error at its position — the same in `check` and in `build` — never a crash.
 * Each case is a folder under tests/fixtures/hostile/<case>/ laid over the small portal;
 * the test is named after the attack. Real CLI runs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';
import { exists, runAtriumIn, runFolders, smallPortal } from './build-process.ts';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/hostile');
const WRITTEN_IN_EVERY_PAGE_FOLDER = 'is the name of a file the build writes in every page folder (index.html, index.md)';

let scratch: string;
let cwd: string;
let env: Record<string, string>;

beforeAll(async () => {
  scratch = await fs.realpath(await tempDir('atrium-hostile-layout-'));
  cwd = path.join(scratch, 'cwd');
  await fs.mkdir(cwd);
  env = { ATRIUM_CACHE_DIR: path.join(scratch, 'cache') };
});

const cases: { attack: string; fixture: string; error: string }[] = [
  {
    attack: 'slug: index.md (where the docs index keeps its markdown twin)',
    fixture: 'slug-index-md',
    error: `products/tools/docs/twin.md:3:7: error: slug: \`index.md\` ${WRITTEN_IN_EVERY_PAGE_FOLDER}; choose another slug, e.g. "index-md"`,
  },
  {
    attack: 'slug: index.html in version docs (where the version docs index page is)',
    fixture: 'slug-index-html-in-version-docs',
    error: `products/tools/versions/v1/docs/page.md:3:7: error: slug: \`index.html\` ${WRITTEN_IN_EVERY_PAGE_FOLDER}; choose another slug, e.g. "index-html"`,
  },
  {
    attack: 'a doc file named index.html.md',
    fixture: 'doc-file-named-index-html',
    error: `products/tools/docs/index.html.md:1:1: error: \`index.html\` ${WRITTEN_IN_EVERY_PAGE_FOLDER}, so it cannot be in the path of this page; rename it or set \`slug:\` in the frontmatter`,
  },
  {
    attack: 'a version folder named index.md',
    fixture: 'version-folder-named-index-md',
    error: `products/tools/versions/index.md/version.yaml:1:1: error: version folder \`index.md\` ${WRITTEN_IN_EVERY_PAGE_FOLDER}; rename the folder`,
  },
  {
    attack: 'slug: ../../../../tmp/escaped (a path out of the output folder)',
    fixture: 'slug-path-traversal',
    error: 'products/tools/docs/escape.md:3:7: error: slug: "../../../../tmp/escaped" is not URL-safe (it replaces only the last segment, so no `/`)',
  },
  {
    attack: 'slug: .atrium-build.json (a dotfile, the build marker)',
    fixture: 'slug-dotfile',
    error: 'products/tools/docs/marker.md:3:7: error: slug: ".atrium-build.json" is not URL-safe',
  },
];

describe('page names that collide with the output layout', () => {
  it.each(cases)('$attack: an error at its position in check and build, exit 1, no crash, no output', async ({ fixture, error }) => {
    const content = await smallPortal(path.join(scratch, fixture, 'content'));
    await fs.cp(path.join(FIXTURES, fixture), content, { recursive: true });
    const out = path.join(scratch, fixture, 'dist');

    const check = await runAtriumIn(['check', '--content', content], { cwd, env });
    expect(check.code, check.stderr).toBe(1);
    expect(check.stderr.split('\n').find((line) => line.includes(' error: '))).toContain(error);

    const build = await runAtriumIn(['build', '--content', content, '--out', out], { cwd, env });
    expect(build.code, build.stderr).toBe(1);
    expect(build.stderr).toContain(error);
    expect(build.stderr).not.toContain('internal error');
    expect(await exists(out)).toBe(false);
    expect(await runFolders(out)).toEqual([]);
  }, 60_000);
});
