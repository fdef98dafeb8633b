import { describe, expect, it } from 'vitest';
import { createDiagramService } from '../../../src/lib/markdown/diagrams/diagram-service.ts';
import { inlineDoc, newRenderer, resolveLink, tempDir } from './helpers.ts';

const fence = (source: string) => '```mermaid\n' + source + '\n```\n';
const ctx = { resolveLink };

describe('Mermaid without a build-time browser', () => {
  it('leaves <pre class="mermaid"> for the browser when mermaid.render is client', async () => {
    const r = newRenderer({ mermaid: 'client' });
    const out = await r.render(inlineDoc(fence('graph TD\n  A --> B & C')), ctx);
    await r.close();
    expect(out.html).toBe('<pre class="mermaid atrium-diagram-client">graph TD\n  A --> B &#x26; C</pre>');
    expect(out.clientMermaid).toBe(1);
    expect(r.stats().clientSideMermaid).toBe(1);
    expect(r.diagnostics()).toEqual([]);
  });

  it('falls back to the client with ONE warning counting the diagrams when no Chromium exists', async () => {
    const service = createDiagramService({
      cacheDir: tempDir(),
      mermaid: 'build',
      plantuml: {},
      lookupChromium: () => ({ found: false, looked: ['/usr/bin/chromium', '@sparticuz/chromium (Linux x64 only)'] }),
    });
    expect(await service.mermaid('graph TD\n  A-->B')).toEqual({ type: 'client' });
    expect(await service.mermaid('graph TD\n  B-->C')).toEqual({ type: 'client' });
    expect(await service.mermaid('graph TD\n  C-->D')).toEqual({ type: 'client' });
    await service.close();
    expect(service.diagnostics()).toEqual([
      {
        severity: 'warning',
        code: 'mermaid-client-fallback',
        message:
          "3 Mermaid diagrams will be drawn in the reader's browser because no Chromium can run here (looked for /usr/bin/chromium, @sparticuz/chromium (Linux x64 only)); " +
          'reinstall dependencies with `npm install` (Atrium ships a headless Chromium for Linux x64), install Chromium (`apt-get install chromium`), or pass --chromium PATH / set ATRIUM_CHROMIUM to a Chromium/Chrome binary',
      },
    ]);
    expect(service.stats()).toMatchObject({ mermaidRendered: 0, clientSideMermaid: 3 });
  });

  it('is an error when the runner\'s Chromium does not exist', async () => {
    const r = newRenderer({ programs: { chromium: { path: '/nonexistent/chromium', source: '--chromium' } } });
    const out = await r.render(inlineDoc(fence('graph TD\n  A-->B')), ctx);
    await r.close();
    expect(out.clientMermaid).toBe(1);
    expect(r.diagnostics()).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^1 Mermaid diagram will be drawn in the reader's browser because the Chromium at \/nonexistent\/chromium \(from --chromium\) does not exist; /) }),
    ]);
  });
});
