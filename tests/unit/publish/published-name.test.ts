import { describe, expect, it } from 'vitest';
import { publishedFileName } from '../../../src/lib/publish/published-name.ts';

describe('publishedFileName', () => {
  const bytes = Buffer.from('image bytes');

  it('is the readable stem, a content hash and the extension', () => {
    expect(publishedFileName('products/p/docs/img/Request Flow.PNG', bytes)).toMatch(/^request-flow\.[0-9a-f]{12}\.png$/);
    expect(publishedFileName('x/a.png', bytes)).not.toBe(publishedFileName('x/a.png', Buffer.from('other')));
  });

  it('stays short for a 245-character image name (the file system limit is 255 bytes)', () => {
    const name = publishedFileName(`products/p/docs/img/${'a'.repeat(241)}.png`, bytes);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^a{60}\.[0-9a-f]{12}\.png$/);
  });

  it('keeps names of any alphabet and odd extensions within bounds', () => {
    expect(publishedFileName('docs/files/日本語.json', bytes)).toMatch(/^file\.[0-9a-f]{12}\.json$/);
    expect(publishedFileName(`docs/files/x.${'e'.repeat(200)}`, bytes)).toMatch(/^x\.[0-9a-f]{12}$/);
  });
});
