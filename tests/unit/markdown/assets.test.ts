/** The asset store: what a doc's links and images may publish, decided on the path and the real file. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssetStore } from '../../../src/lib/markdown/assets.ts';
import { inlineDoc, newRenderer, resolveLink, tempDir } from './helpers.ts';

const root = tempDir('atrium-assets-');
const write = (rel: string, text: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const DOC = 'products/p/docs/guide.md';
write('products/p/docs/img/a.png', PNG);
write('products/p/docs/files/collection.json', '{}');
write('products/p/docs/files/LICENSE', 'MIT');
write('products/p/docs/notes.json', '{}');
write('public/sdk.zip', 'PK');
write('control-planes/prod.yaml', 'services: []');

describe('createAssetStore', () => {
  const store = createAssetStore(root, '/base/_atrium/assets/', { downloadFolders: ['public'] });

  it('publishes images and downloads under hash names below the asset base', () => {
    expect(store.resolve(DOC, './img/a.png')).toMatchObject({ ok: true, asset: { url: expect.stringMatching(/^\/base\/_atrium\/assets\/a\.[0-9a-f]{12}\.png$/) } });
    expect(store.resolve(DOC, './files/collection.json')).toMatchObject({ ok: true, asset: { url: expect.stringMatching(/collection\.[0-9a-f]{12}\.json$/) } });
    expect(store.resolve(DOC, '../../../public/sdk.zip')).toMatchObject({ ok: true });
  });

  it('refuses other files with how to publish a download, and says when nothing is there', () => {
    const refused = store.resolve(DOC, './notes.json');
    expect(refused).toEqual({
      ok: false,
      message:
        '"./notes.json" is not published: products/p/docs/notes.json is neither an image (png, jpg, jpeg, gif, webp, avif, svg) nor in a downloads folder, so it is not published; to offer a file for download on purpose, put it in a files/ folder of the docs (e.g. products/p/docs/files/notes.json) or in the folder portal.yaml names as `public_folder:`',
    });
    expect(store.resolve(DOC, './nope.png')).toMatchObject({ ok: false, missing: true });
    expect(store.resolve(DOC, './files')).toMatchObject({ ok: false, missing: true });
    expect(store.resolve(DOC, '../../../control-planes/prod.yaml')).toMatchObject({ ok: false, message: expect.stringMatching(/decK files/) });
  });

  it('refuses a symbolic link in files/ to a decK file, on its real path', () => {
    fs.symlinkSync('../../../../control-planes/prod.yaml', path.join(root, 'products/p/docs/files/gateway.yaml'));
    expect(store.resolve(DOC, './files/gateway.yaml')).toMatchObject({ ok: false, message: expect.stringMatching(/it is a link to control-planes\/prod\.yaml/) });
  });
});

describe('links without extension to files', () => {
  it('publish an existing file from a downloads folder (files/LICENSE)', async () => {
    const renderer = newRenderer({ contentRoot: root });
    const out = await renderer.render(inlineDoc('[license](./files/LICENSE)\n', { file: DOC }), { resolveLink });
    await renderer.close();
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toMatch(/<a href="\/_atrium\/assets\/license\.[0-9a-f]{12}">license<\/a>/);
  });
});
