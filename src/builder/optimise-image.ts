/**
 * Doc images are copied into the output re-encoded losslessly when that makes them smaller
 * (PNG at maximum zlib compression with adaptive filtering). Other formats, and PNGs that
 * would not shrink, are copied byte for byte. Pixels never change.
 */

export async function optimiseImage(file: string, bytes: Buffer): Promise<Buffer> {
  if (!file.toLowerCase().endsWith('.png')) return bytes;
  // Loaded with the first PNG: sharp and libvips cost ~70 ms of CPU at every build's start otherwise.
  const { default: sharp } = await import('sharp');
  try {
    const optimised = await sharp(bytes).png({ compressionLevel: 9, adaptiveFiltering: true, palette: false }).toBuffer();
    return optimised.length < bytes.length ? optimised : bytes;
  } catch {
    return bytes; // not a PNG sharp can read: publish it as it is
  }
}
