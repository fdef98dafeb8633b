/** portal.yaml's `branding.logo`, `branding.favicon` and `public_folder` are checked at load, at their key. */
import { describe, expect, it } from 'vitest';
import { cleanUpPortals, load } from './helpers.ts';

cleanUpPortals();

const portal = (extra: string) => ({ 'portal.yaml': `title: Test portal\n${extra}` });

describe('portal files', () => {
  it('accept an SVG or raster logo, an .ico favicon, an https logo and an existing public folder', async () => {
    const svg = await load({ ...portal('branding:\n  logo: assets/logo.svg\n  favicon: assets/icon.ico\npublic_folder: public\n'), 'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>', 'assets/icon.ico': '\0\0\x01\0rest', 'public/sdk.zip': 'PK' });
    expect(svg.printed).toEqual([]);
    const remote = await load(portal('branding:\n  logo: https://cdn.example.com/logo.png\n'));
    expect(remote.printed).toEqual([]);
  });

  it('refuse a logo that is not an image, with the portal.yaml position', async () => {
    const { printed } = await load({ ...portal('branding:\n  logo: assets/logo.svg\n  favicon: products/flights/product.yaml\n'), 'assets/logo.svg': 'title: not a drawing\n' });
    expect(printed).toEqual([
      'portal.yaml:3:9: error: branding.logo: `assets/logo.svg` holds no <svg> element; give the path of an image (png, jpg, gif, webp, avif or svg) relative to the content folder, e.g. `assets/logo.svg`',
      'portal.yaml:4:12: error: branding.favicon: `products/flights/product.yaml` is not published: products/flights/product.yaml is neither an image (png, jpg, jpeg, gif, webp, avif, svg) nor in a downloads folder, so it is not published; give the path of an image (png, jpg, gif, webp, avif or svg) relative to the content folder, e.g. `assets/logo.svg`',
    ]);
  });

  it('refuse HTML named .png, missing files and paths out of the content folder', async () => {
    const { printed } = await load({ ...portal('branding:\n  logo: assets/logo.png\n  favicon: ../../etc/favicon.png\n'), 'assets/logo.png': '<html><script>x</script>' });
    expect(printed).toEqual([
      expect.stringMatching(/^portal\.yaml:3:9: error: branding\.logo: assets\/logo\.png is not a PNG image/),
      expect.stringMatching(/^portal\.yaml:4:12: error: branding\.favicon: `\.\.\/\.\.\/etc\/favicon\.png` is not a file inside the content folder/),
    ]);
    const missing = await load({ ...portal('branding:\n  logo: assets/nope.webp\n') });
    expect(missing.printed).toEqual([expect.stringMatching(/^portal\.yaml:3:9: error: branding\.logo: `assets\/nope\.webp` does not exist/)]);
  });

  it('refuse a public folder that is missing or would publish private content', async () => {
    expect((await load(portal('public_folder: downloads\n'))).printed).toEqual([
      'portal.yaml:2:16: error: public_folder: `downloads` does not exist; name a folder inside the content folder that holds the files docs offer for download',
    ]);
    for (const folder of ['control-planes', 'analytics/x', 'products', '.git', '../outside', '/etc']) {
      const { printed } = await load(portal(`public_folder: ${folder}\n`));
      expect(printed, folder).toEqual([expect.stringMatching(/^portal\.yaml:2:16: error: public_folder: expected a folder inside the content folder that is not products\//)]);
    }
  });
});
