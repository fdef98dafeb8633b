/**
 * The bytes the output gets for a published file: an SVG only in its sanitised form (see
 * lib/publish/sanitize-svg.ts), a PNG recompressed when that makes it smaller, anything else
 * as it is. The asset store already refused SVGs without an `<svg>`; should the file have
 * changed since, an empty drawing is written rather than the new text.
 */
import fs from 'node:fs/promises';
import { sanitizeSvg } from '../lib/publish/sanitize-svg.ts';
import { optimiseImage } from './optimise-image.ts';

const EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n';

export async function publishedBytes(source: string): Promise<Uint8Array> {
  const bytes = await fs.readFile(source);
  if (source.toLowerCase().endsWith('.svg')) return Buffer.from(sanitizeSvg(bytes.toString('utf8')) ?? EMPTY_SVG);
  return optimiseImage(source, bytes);
}
