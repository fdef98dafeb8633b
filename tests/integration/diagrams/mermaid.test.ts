/** Mermaid drawn at build time by a real Chromium (integration tier; the fallbacks without one are in tests/unit/markdown). */
import { describe, expect, it } from 'vitest';
import { DOCS, inlineDoc, resolveLink } from '../../unit/markdown/helpers.ts';
import { rendererPool } from './renderer-pool.ts';

const FLOW = 'flowchart LR\n  Client --> Kong[Kong Gateway]\n  Kong --> Upstream';
const SEQUENCE = 'sequenceDiagram\n  App->>API: GET /flights\n  API-->>App: 200 OK';
const fence = (source: string) => '```mermaid\n' + source + '\n```\n';
const ctx = { resolveLink };

// Chromium comes from the build's own lookup (a system one, else the one Atrium ships): never skipped.
describe('Mermaid at build time', () => {
  const { shared: renderer, cold } = rendererPool('atrium-mermaid-cache-');
  const doc = inlineDoc(`# Diagrams\n\n${fence(FLOW)}\nText.\n\n${fence(SEQUENCE)}`);

  it('inlines a light and a dark SVG per diagram, with ids unique on the page', async () => {
    const out = await renderer().render(doc, ctx);
    expect(out.diagnostics).toEqual([]);
    const diagrams = out.html.match(/<div class="atrium-diagram atrium-diagram-mermaid">/g) ?? [];
    expect(diagrams).toHaveLength(2);
    expect(out.html.match(/<div class="atrium-diagram-light"><svg id="atrium-d[12]-0"/g)).toHaveLength(2);
    expect(out.html.match(/<div class="atrium-diagram-dark"><svg id="atrium-d[12]-dark-0"/g)).toHaveLength(2);
    expect(out.html).toContain('Kong Gateway');
    const ids = [...out.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(out.html).not.toMatch(/<script|<\?xml|<!--/);
    // The dark drawing really is dark: Mermaid's dark theme text colour.
    expect(out.html).toMatch(/#atrium-d1-dark-0\{font-family:arial,sans-serif;font-size:16px;fill:#ccc;\}/);
  });

  it('never renders an unchanged diagram twice: the next build reads every one from the cache', async () => {
    const first = renderer();
    const a = await first.render(doc, ctx);
    const warm = renderer();
    const b = await warm.render(doc, ctx);
    expect(warm.stats()).toMatchObject({ mermaidRendered: 0, mermaidCached: 2 });
    expect(b.html).toBe(a.html);
  });

  it('draws a diagram byte-identically whatever was rendered before it (cold builds are deterministic)', async () => {
    const alone = cold();
    const afterOthers = cold();
    const target = inlineDoc(fence(SEQUENCE.replace('App', 'Portal')));
    await afterOthers.render(inlineDoc(`${fence('sequenceDiagram\n  X->>Y: one\n  Y->>Z: two')}\n${fence(FLOW)}`), ctx);
    const [a, b] = [await alone.render(target, ctx), await afterOthers.render(target, ctx)];
    expect(afterOthers.stats().mermaidRendered).toBe(3);
    expect(b.html).toBe(a.html);
  });

  it('changing one character re-renders only that diagram', async () => {
    const r = renderer();
    await r.render(inlineDoc(`${fence(FLOW)}\n${fence(SEQUENCE)}`), ctx); // warm the cache (may already be)
    const edited = renderer();
    const out = await edited.render(inlineDoc(`${fence(FLOW)}\n${fence(SEQUENCE.replace('200 OK', '201 OK'))}`), ctx);
    expect(out.diagnostics).toEqual([]);
    expect(edited.stats()).toMatchObject({ mermaidRendered: 1, mermaidCached: 1, clientSideMermaid: 0 });
    expect(out.html).toContain('201 OK');
  });

  it('renders the same diagram once even when docs rendered together both use it', async () => {
    const r = renderer();
    const source = `${FLOW}\n  Upstream --> DB[(Postgres)]`;
    const [x, y] = await Promise.all([
      r.render(inlineDoc(fence(source), { file: `${DOCS}/a.md` }), ctx),
      r.render(inlineDoc(fence(source), { file: `${DOCS}/b.md` }), ctx),
    ]);
    expect(r.stats()).toMatchObject({ mermaidRendered: 1, mermaidCached: 1 });
    expect(x.html).toBe(y.html);
  });

  it('fails a syntax error with the doc path, the code block line and Mermaid\'s message', async () => {
    const r = renderer();
    const out = await r.render(inlineDoc('# Broken\n\nIntro.\n\n```mermaid\nflowchart LR\n  A --> \n```\n', { bodyLine: 6 }), ctx);
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({ severity: 'error', file: `${DOCS}/guides/inline.md`, line: 10, column: 1, code: 'mermaid-error' });
    expect(out.diagnostics[0]!.message).toMatch(/^Mermaid syntax error: Parse error on line \d+: .*Expecting .*got 'EOF'$/);
    expect(out.html).toContain('<pre class="atrium-diagram-error">');
  });
});
