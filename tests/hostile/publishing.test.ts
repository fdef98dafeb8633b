/**
 * Issue 19: a doc writer's commit must not publish any file of the content folder it likes.
 * Each case is a folder under tests/fixtures/hostile/<case>/ laid over the same small portal
 * (tests/fixtures/hostile/base/: a decK file with an `aws_secret`, an unpublished product,
 * an analytics log); the test is named after the attack. Errors must name file:line:col and
 * say how to publish a download on purpose; nothing refused may reach the site model's
 * assets. The last block builds with the real CLI and greps every output file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { formatDiagnostic } from '../../src/lib/diagnostics/diagnostic.ts';
import { resolveSite } from '../../src/lib/site/resolve-site.ts';
import { sanitizeSvg } from '../../src/lib/publish/sanitize-svg.ts';
import { REPO_ROOT, filesContaining, listFiles, runAtrium, tempDir } from '../helpers/cli.ts';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/hostile');
const ATTACK = 'products/flights/docs/attack.md';
const MARKERS = [
  'atrium-hostile-deck-secret',
  'atrium-hostile-deck-key',
  'atrium-hostile-portal-marker',
  'atrium-hostile-unpublished-spec-marker',
  'atrium-hostile-analytics-marker',
  'atrium-hostile-html-marker',
  'atrium-hostile-png-marker',
  'atrium-git-config-marker',
];

let scratch: string;
beforeAll(async () => {
  scratch = await tempDir('atrium-hostile-');
});

/** The base portal with the case's files laid over it, in a fresh folder. */
async function hostileContent(name: string, setup?: (root: string) => Promise<void>): Promise<string> {
  const root = path.join(scratch, name, 'content');
  await fs.cp(path.join(FIXTURES, 'base'), root, { recursive: true });
  await fs.cp(path.join(FIXTURES, name), root, { recursive: true });
  await setup?.(root);
  return root;
}

/** What `atrium check`/`build` report for the public audience, and the files it would copy. */
async function publicSite(root: string) {
  const content = await loadContent(root);
  const model = await resolveSite(content, { audience: 'public', cacheDir: path.join(scratch, 'cache') });
  const errors = model.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  const published = model.assets.map((a) => path.relative(root, a.source));
  return { errors, published, model };
}

describe('a doc cannot publish files that are not for readers', () => {
  it('link to decK file: refused at the link, with how to publish a download on purpose', async () => {
    const { errors, published } = await publicSite(await hostileContent('link-to-deck-file'));
    expect(errors).toEqual([
      `${ATTACK}:7:16: error: Link "../../../control-planes/prod.yaml" is not published: control-planes/ holds decK files (gateway configuration and credentials), which Atrium never publishes; to offer a file for download on purpose, put it in a files/ folder of the docs (e.g. products/flights/docs/files/prod.yaml) or in the folder portal.yaml names as \`public_folder:\``,
    ]);
    expect(published.filter((f) => !f.startsWith('..'))).toEqual([]);
  });

  it('link to portal.yaml: refused', async () => {
    const { errors, published } = await publicSite(await hostileContent('link-to-portal-yaml'));
    expect(errors).toEqual([expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:11: error: Link "\.\.\/\.\.\/\.\.\/portal\.yaml" is not published: portal\.yaml is neither an image .*files\/ folder of the docs/)]);
    expect(published).not.toContain('portal.yaml');
  });

  it('link to unpublished spec (and an image of the unpublished product): refused in the public portal', async () => {
    const { errors, published } = await publicSite(await hostileContent('link-to-unpublished-spec'));
    expect(errors).toEqual([
      expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:7: error: Link "\.\.\/\.\.\/secret\/versions\/v1\/openapi\.yaml" is not published: .*products\/secret\/, which this portal does not publish/),
      expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:57: error: Image "\.\.\/\.\.\/secret\/versions\/v1\/diagram\.png" is not published: .*products\/secret\/, which this portal does not publish/),
    ]);
    expect(published.filter((f) => f.startsWith('products/'))).toEqual([]);
  });

  it('link to analytics log: refused', async () => {
    const { errors } = await publicSite(await hostileContent('link-to-analytics-log'));
    expect(errors).toEqual([expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:10: error: Link "\.\.\/\.\.\/\.\.\/analytics\/kong-access\.log" is not published: analytics\/ holds traffic snapshots/)]);
  });

  it('link to ../../../.git/config: refused inside the content folder and outside it', async () => {
    const root = await hostileContent('link-to-git-config', async (r) => {
      await fs.mkdir(path.join(r, '.git'), { recursive: true });
      await fs.writeFile(path.join(r, '.git/config'), '[remote "origin"]\n\turl = https://atrium-git-config-marker@example.com/x.git\n');
    });
    const { errors, published } = await publicSite(root);
    expect(errors).toEqual([
      expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:7: error: Link "\.\.\/\.\.\/\.\.\/\.git\/config" is not published: \.git\/config is a dotfile or lies in a dot-folder/),
      // Above the content folder no file is read: the link is a page URL a browser would open, and there is none.
      'products/flights/docs/attack.md:7:42: error: Broken link "../../../../../../.git/config": /.git/config/ is not a page of this portal',
    ]);
    expect(published.filter((f) => f.includes('.git'))).toEqual([]);
  });

  it('evil.html: linked HTML is never copied', async () => {
    const { errors, published } = await publicSite(await hostileContent('evil-html'));
    expect(errors).toEqual([expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:7: error: Link "\.\/evil\.html" is not published: HTML files are never published: a browser would run any script in them/)]);
    expect(published.filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  it('HTML renamed to .png: refused, not published as an image', async () => {
    const { errors } = await publicSite(await hostileContent('html-renamed-png'));
    expect(errors).toEqual([expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:10: error: Image "\.\/img\/flow\.png" is not published: products\/flights\/docs\/img\/flow\.png is not a PNG image/)]);
  });

  it('symbolic link in files/ to the decK file: refused on the real path', async () => {
    const root = await hostileContent('download-on-purpose', async (r) => {
      const files = path.join(r, 'products/flights/docs/files');
      await fs.rm(path.join(files, 'postman.json'));
      await fs.symlink(path.relative(files, path.join(r, 'control-planes/prod.yaml')), path.join(files, 'postman.json'));
    });
    const { errors, published } = await publicSite(root);
    expect(errors).toEqual([expect.stringMatching(/^products\/flights\/docs\/attack\.md:7:9: error: Link "\.\/files\/postman\.json" is not published: it is a link to control-planes\/prod\.yaml: control-planes\/ holds decK files/)]);
    expect(published.filter((f) => f.startsWith('products/'))).toEqual([]);
  });

  it('evil.svg with script: published only sanitised', async () => {
    const root = await hostileContent('evil-svg');
    const { errors, model } = await publicSite(root);
    expect(errors).toEqual([]);
    const svg = model.assets.find((a) => a.source.endsWith('evil.svg'))!;
    expect(svg.url).toMatch(/^\/_atrium\/assets\/evil\.[0-9a-f]{12}\.svg$/);
    // What the build writes for it (build/published-bytes.ts) is the sanitised drawing.
    const written = sanitizeSvg(await fs.readFile(svg.source, 'utf8'))!;
    expect(written).not.toMatch(/<script|<foreignObject|\son[a-z]+=|javascript:|href="(?!#)|evil\.example/i);
  });

  it('logo pointing at a decK file (and favicon at an analytics log): error at the portal.yaml key', async () => {
    const { diagnostics } = await loadContent(await hostileContent('logo-pointing-at-deck-file'));
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      'portal.yaml:6:9: error: branding.logo: `control-planes/prod.yaml` is not published: control-planes/ holds decK files (gateway configuration and credentials), which Atrium never publishes; give the path of an image (png, jpg, gif, webp, avif or svg) relative to the content folder, e.g. `assets/logo.svg`',
      'portal.yaml:7:12: error: branding.favicon: `analytics/kong-access.log` is not published: analytics/ holds traffic snapshots, which Atrium never publishes; give the path of an image (png, jpg, gif, webp, avif or svg) relative to the content folder, e.g. `assets/logo.svg`',
    ]);
  });

  it('long image name (245 characters): published under a short hash name, no ENAMETOOLONG', async () => {
    const name = `${'a'.repeat(241)}.png`;
    const root = await hostileContent('download-on-purpose', async (r) => {
      await fs.mkdir(path.join(r, 'products/flights/docs/img'), { recursive: true });
      await fs.copyFile(path.join(REPO_ROOT, 'tests/fixtures/markdown/content/products/demo/docs/guides/img/flow.png'), path.join(r, 'products/flights/docs/img', name));
      await fs.appendFile(path.join(r, ATTACK), `\n![long](./img/${name})\n`);
    });
    const { errors, model } = await publicSite(root);
    expect(errors).toEqual([]);
    const image = model.assets.find((a) => a.source.endsWith(name))!;
    expect(path.posix.basename(image.url)).toMatch(/^a{60}\.[0-9a-f]{12}\.png$/);
  });
});

describe('a build with hostile content', () => {
  it('publishes the download and the sanitised SVG, and nothing refused reaches any output file', async () => {
    const root = await hostileContent('download-on-purpose', async (r) => {
      await fs.cp(path.join(FIXTURES, 'evil-svg'), r, { recursive: true });
      await fs.rename(path.join(r, ATTACK), path.join(r, 'products/flights/docs/svg.md'));
      await fs.cp(path.join(FIXTURES, 'download-on-purpose', ATTACK), path.join(r, ATTACK));
      await fs.cp(path.join(FIXTURES, 'evil-html/products/flights/docs/evil.html'), path.join(r, 'products/flights/docs/evil.html'));
      await fs.writeFile(path.join(r, 'portal.yaml'), (await fs.readFile(path.join(r, 'portal.yaml'), 'utf8')) + 'branding:\n  logo: products/flights/docs/img/evil.svg\n');
    });
    const out = path.join(scratch, 'dist');
    const build = await runAtrium(['build', '--content', root, '--out', out, ], { env: { ATRIUM_CACHE_DIR: path.join(scratch, 'cli-cache') } });
    expect(build.stderr).not.toMatch(/error:/);
    expect(build.code).toBe(0);

    const files = await listFiles(out);
    const download = files.filter((f) => /^_atrium\/assets\/postman\.[0-9a-f]{12}\.json$/.test(f));
    expect(download).toHaveLength(1);
    expect(await fs.readFile(path.join(out, download[0]!), 'utf8')).toContain('atrium-hostile-download-marker');
    const svgs = files.filter((f) => /^_atrium\/(assets|brand)\/evil\.[0-9a-f]{12}\.svg$/.test(f));
    expect(svgs).toHaveLength(2); // the doc image and the logo
    for (const svg of svgs) {
      const text = await fs.readFile(path.join(out, svg), 'utf8');
      expect(text).toContain('<linearGradient id="grad">');
      expect(text).not.toMatch(/<script|<foreignObject|\son[a-z]+=|javascript:|href="(?!#)|evil\.example|alert\(/i);
    }
    expect(files.filter((f) => f.endsWith('evil.html') || f.endsWith('.yaml') && !f.endsWith('openapi.yaml'))).toEqual([]);
    for (const marker of MARKERS) expect(await filesContaining(out, marker), marker).toEqual([]);
  });

  it('fails on the refused links with every position, and writes no output', async () => {
    const root = await hostileContent('link-to-deck-file', async (r) => {
      for (const name of ['link-to-portal-yaml', 'link-to-analytics-log', 'evil-html']) {
        await fs.cp(path.join(FIXTURES, name), r, { recursive: true });
        await fs.rename(path.join(r, ATTACK), path.join(r, `products/flights/docs/${name}.md`));
      }
      await fs.cp(path.join(FIXTURES, 'link-to-deck-file', ATTACK), path.join(r, ATTACK));
    });
    const out = path.join(scratch, 'dist-refused');
    const build = await runAtrium(['build', '--content', root, '--out', out], { env: { ATRIUM_CACHE_DIR: path.join(scratch, 'cli-cache') } });
    expect(build.code).toBe(1);
    for (const doc of ['attack', 'link-to-portal-yaml', 'link-to-analytics-log', 'evil-html']) {
      expect(build.stderr).toMatch(new RegExp(`^products/flights/docs/${doc}\\.md:7:\\d+: error: Link .* is not published`, 'm'));
    }
    await expect(fs.access(out)).rejects.toThrow();
  });
});
