import { describe, expect, it } from 'vitest';
import { imageContentProblem, publishDecision } from '../../../src/lib/publish/publish-policy.ts';

const DOCS = 'products/flights/docs';

describe('publishDecision', () => {
  it('publishes images anywhere a doc may reach, SVG as its own kind (sanitised)', () => {
    for (const ext of ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'PNG']) {
      expect(publishDecision(`${DOCS}/img/flow.${ext}`)).toEqual({ ok: true, kind: 'image' });
    }
    expect(publishDecision('assets/logo.svg')).toEqual({ ok: true, kind: 'svg' });
  });

  it('publishes other files only from a files/ folder of a docs tree or the declared public folder', () => {
    expect(publishDecision(`${DOCS}/files/postman.json`)).toEqual({ ok: true, kind: 'download' });
    expect(publishDecision(`${DOCS}/guides/files/sample.yaml`)).toEqual({ ok: true, kind: 'download' });
    expect(publishDecision('products/flights/versions/v1/docs/files/collection.json')).toEqual({ ok: true, kind: 'download' });
    expect(publishDecision('public/sdk.zip', { downloadFolders: ['public'] })).toEqual({ ok: true, kind: 'download' });
    expect(publishDecision('public/sdk.zip')).toMatchObject({ ok: false, downloadable: true });
    // files/ outside a docs tree is no downloads folder.
    expect(publishDecision('products/flights/files/x.json')).toMatchObject({ ok: false });
    expect(publishDecision(`${DOCS}/files`)).toMatchObject({ ok: false });
  });

  it('refuses YAML, JSON, logs and specs outside a downloads folder, saying what would publish them', () => {
    for (const file of ['portal.yaml', 'products/flights/versions/v1/openapi.yaml', `${DOCS}/notes.json`, 'build.log']) {
      const decision = publishDecision(file);
      expect(decision, file).toMatchObject({ ok: false, downloadable: true });
      expect(decision.ok === false && decision.reason, file).toMatch(/neither an image .* nor in a downloads folder/);
    }
  });

  it('never publishes decK files, analytics, dotfiles or HTML, not even from a downloads folder', () => {
    expect(publishDecision('control-planes/prod.yaml')).toMatchObject({ ok: false, reason: expect.stringMatching(/decK files/) });
    expect(publishDecision('control-planes/diagram.png')).toMatchObject({ ok: false });
    expect(publishDecision('analytics/prod/2026-11.json')).toMatchObject({ ok: false, reason: expect.stringMatching(/traffic/) });
    expect(publishDecision('.git/config')).toMatchObject({ ok: false, reason: expect.stringMatching(/dot-folder/) });
    expect(publishDecision(`${DOCS}/files/.env`)).toMatchObject({ ok: false });
    for (const ext of ['html', 'htm', 'xhtml', 'xml', 'svgz']) {
      expect(publishDecision(`${DOCS}/files/page.${ext}`), ext).toMatchObject({ ok: false, downloadable: false, reason: expect.stringMatching(/never published/) });
    }
    expect(publishDecision('public/evil.html', { downloadFolders: ['public'] })).toMatchObject({ ok: false });
  });

  it('refuses files of products and versions the audience leaves out', () => {
    const policy = { unpublishedFolders: ['products/secret', 'products/flights/versions/v2'] };
    expect(publishDecision('products/secret/docs/img/a.png', policy)).toMatchObject({ ok: false, reason: expect.stringMatching(/products\/secret\/.*unpublished/) });
    expect(publishDecision('products/flights/versions/v2/docs/files/x.json', policy)).toMatchObject({ ok: false });
    expect(publishDecision('products/flights/versions/v1/docs/img/a.png', policy)).toEqual({ ok: true, kind: 'image' });
    expect(publishDecision('products/secretive/docs/img/a.png', policy)).toEqual({ ok: true, kind: 'image' });
  });
});

describe('imageContentProblem', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  it('accepts raster images whose bytes match their name', () => {
    expect(imageContentProblem('a.png', png)).toBeUndefined();
    expect(imageContentProblem('a.gif', Buffer.from('GIF89a....'))).toBeUndefined();
    expect(imageContentProblem('a.webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBeUndefined();
    expect(imageContentProblem('a.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined();
  });

  it('refuses HTML renamed to .png', () => {
    expect(imageContentProblem('evil.png', Buffer.from('<html><script>alert(1)</script>'))).toMatch(/evil\.png is not a PNG image/);
    expect(imageContentProblem('evil.jpg', png)).toMatch(/not a JPG image/);
  });
});
