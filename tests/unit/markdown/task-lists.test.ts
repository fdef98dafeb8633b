import { afterAll, describe, expect, it } from 'vitest';
import { DOCS, fixtureDoc, inlineDoc, newRenderer, resolveLink } from './helpers.ts';

const renderer = newRenderer();
afterAll(() => renderer.close());
const render = (body: string) => renderer.render(inlineDoc(body), { resolveLink });

describe('task-list checkboxes', () => {
  it('are named after their item, so screen readers and axe know what they tick', async () => {
    const out = await render('- [x] Create a **consumer**\n- [ ] Add a key\n');
    expect(out.html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled aria-label="Create a consumer"> Create a <strong>consumer</strong></li>');
    expect(out.html).toContain('<input type="checkbox" disabled aria-label="Add a key"> Add a key</li>');
  });

  it('leave nested items out of the name, also in loose lists', async () => {
    const out = await render('- [ ] Parent\n\n  - [x] Child\n');
    expect(out.html).toContain('aria-label="Parent"');
    expect(out.html).toContain('aria-label="Child"');
  });

  it('name every checkbox of the fixture doc', async () => {
    const out = await renderer.render(fixtureDoc(`${DOCS}/guides/everything.md`), { resolveLink });
    const boxes = out.html.match(/<input type="checkbox"[^>]*>/g) ?? [];
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toMatch(/aria-label="[^"]+"/);
  });
});
