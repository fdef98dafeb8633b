/** PlantUML drawn at build time by the real jar on Java (integration tier; source checks and fallbacks are in tests/unit/markdown). */
import { describe, expect, it } from 'vitest';
import { inlineDoc, resolveLink } from '../../unit/markdown/helpers.ts';
import { rendererPool } from './renderer-pool.ts';

const SEQUENCE = '@startuml\nAlice -> Kong: GET /flights\nKong -> Upstream: proxy\n@enduml';
const BARE = 'actor Dev\nDev -> (Publish docs)';
const fence = (source: string) => '```plantuml\n' + source + '\n```\n';
const ctx = { resolveLink };

// PlantUML comes from the build's own lookup (the jar Atrium ships, on this machine's Java): never skipped.
describe('PlantUML at build time', () => {
  const { shared: renderer, cold } = rendererPool('atrium-plantuml-cache-');

  it('inlines clean SVG, with ids unique per diagram on the page', async () => {
    const r = renderer();
    // Class and use-case drawings carry ids (ent0001, lnk3…) that would collide on one page.
    const out = await r.render(inlineDoc(`# Flow\n\n${fence('class Flight\nclass Booking\nFlight --> Booking : GET /flights')}\n${fence(BARE)}`), ctx);
    expect(out.diagnostics).toEqual([]);
    expect(out.html.match(/<div class="atrium-diagram atrium-diagram-plantuml"><svg /g)).toHaveLength(2);
    expect(out.html).toContain('GET /flights');
    expect(out.html).not.toMatch(/<\?xml|<!--|contentScriptType|preserveAspectRatio="none"|Java Version/);
    const ids = [...out.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.some((id) => id.startsWith('atrium-d1-'))).toBe(true);
    expect(ids.some((id) => id.startsWith('atrium-d2-'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.stats()).toMatchObject({ plantumlRendered: 2, plantumlCached: 0 });
  });

  it('reads unchanged diagrams from the cache and re-renders only the edited one', async () => {
    await renderer().render(inlineDoc(`${fence(SEQUENCE)}\n${fence(BARE)}`), ctx);
    const warm = renderer();
    await warm.render(inlineDoc(`${fence(SEQUENCE)}\n${fence(BARE)}`), ctx);
    expect(warm.stats()).toMatchObject({ plantumlRendered: 0, plantumlCached: 2 });
    const edited = renderer();
    await edited.render(inlineDoc(`${fence(SEQUENCE)}\n${fence(BARE.replace('Dev ->', 'Dev -->'))}`), ctx);
    expect(edited.stats()).toMatchObject({ plantumlRendered: 1, plantumlCached: 1 });
  });

  it('draws a diagram byte-identically whatever the worker drew before it', async () => {
    const alone = cold();
    const afterOthers = cold();
    const target = inlineDoc(fence(SEQUENCE.replace('Alice', 'Carol')));
    await afterOthers.render(inlineDoc(`${fence(BARE)}\n${fence('class Flight\nclass Booking\nFlight --> Booking')}`), ctx);
    const [a, b] = [await alone.render(target, ctx), await afterOthers.render(target, ctx)];
    expect(afterOthers.stats().plantumlRendered).toBe(3);
    expect(b.html).toBe(a.html);
  });

  it('fails a diagram PlantUML cannot draw with the doc path and code block line', async () => {
    const r = renderer();
    const out = await r.render(inlineDoc(`# Bad\n\n${fence('Alice -> Bob: ok\nthis is not ( plantuml')}\n${fence(SEQUENCE)}`, { bodyLine: 3 }), ctx);
    expect(out.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'products/demo/docs/guides/inline.md',
        line: 5,
        column: 1,
        code: 'plantuml-error',
        message: 'PlantUML cannot render this diagram: Syntax Error? (diagram line 2)',
      },
    ]);
    // The good diagram in the same batch still renders.
    expect(out.html).toContain('GET /flights');
  });
});
