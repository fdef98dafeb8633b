import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { optimiseImage } from '../../../src/builder/optimise-image.ts';

describe('optimiseImage', () => {
  it('shrinks an uncompressed PNG without changing a pixel', async () => {
    const raw = Buffer.alloc(64 * 64 * 3, 0);
    for (let i = 0; i < raw.length; i += 7) raw[i] = i % 251;
    const png = await sharp(raw, { raw: { width: 64, height: 64, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    const out = await optimiseImage('diagram.png', png);
    expect(out.length).toBeLessThan(png.length);
    const [a, b] = await Promise.all([sharp(png).raw().toBuffer(), sharp(out).raw().toBuffer()]);
    expect(b.equals(a)).toBe(true);
  });

  it('copies other files and unreadable images unchanged', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(await optimiseImage('flow.svg', svg)).toBe(svg);
    const broken = Buffer.from('not a png');
    expect(await optimiseImage('broken.png', broken)).toBe(broken);
  });
});
