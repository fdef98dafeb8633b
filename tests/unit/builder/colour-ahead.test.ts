/**
 * Reference code coloured ahead on a worker thread (src/builder/colour-ahead.ts): the worker
 * makes the operation pages' blocks as the pages do and colours them; a page takes them
 * instead of colouring, with the same bytes, and a page whose worker failed or was stopped
 * colours its blocks itself, with the same bytes again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { colourJob, startColourAhead, type ColourAhead } from '../../../src/builder/colour-ahead.ts';
import { raw } from '../../../src/lib/html.ts';
import { resolvePointer } from '../../../src/lib/openapi/json-pointer.ts';
import { pathItemPointer } from '../../../src/lib/openapi/operations.ts';
import { operationParameters } from '../../../src/lib/openapi/parameters.ts';
import { blockColourer, blockKey, referenceHighlighter, type Highlight } from '../../../src/lib/reference/code-highlight.ts';
import { buildReferenceIndex, type SpecObject } from '../../../src/lib/reference/index.ts';
import { renderOperationAside } from '../../../src/lib/reference/operation-aside.ts';
import { processMemo } from '../../../src/lib/reference/process-memo.ts';
import type { SiteRoute } from '../../../src/lib/site/routes.ts';
import { environment, kongAir } from '../reference/helpers.ts';

const doc = kongAir('flights');
const index = buildReferenceIndex(doc);
const environments = [environment({ base_urls: ['https://api.kongair.example'] })];
const version = { api: { openapi: doc, index }, environments, entry: { name: 'v1', slug: 'v1' } };
const routes = [
  { kind: 'version', url: '/products/f/v1/', version },
  ...index.operations.map((op) => ({ kind: 'operation', url: `/products/f/v1/reference/${op.slug}/`, operation: op.slug, version })),
] as unknown as SiteRoute[];
const operations = index.operations.filter((op) => op.kind === 'operation');

/** The slot the pages read (code-highlight.ts), to see what the worker handed over. */
const ahead = processMemo('highlight.ahead', () => ({ source: undefined as { take(key: string): unknown } | undefined }));

/** Each operation's aside with `highlight`, in route order. */
function asides(highlight: Highlight | undefined, only?: (code: string, language: string) => void): string[] {
  return operations.map((op) => {
    const operation = resolvePointer(doc, op.pointer) as SpecObject;
    const pathItem = resolvePointer(doc, pathItemPointer(op.pointer)) as SpecObject;
    const parameters = operationParameters(doc, { operation, pathItem });
    const recording: Highlight | undefined = only ? { code: (c, l) => (only(c, l), raw('')), css: () => '' } : highlight;
    return String(renderOperationAside(doc, { method: op.method, path: op.path, operation, pathItem, parameters }, environments, recording));
  });
}

let started: ColourAhead | undefined;
afterEach(async () => {
  await started?.stop();
  started = undefined;
});

describe('colouring reference code ahead of the pages', () => {
  it('is given the operation pages in render order, each spec once', () => {
    const job = colourJob(routes);
    expect(job.docs).toHaveLength(1);
    expect(job.docs[0]!.openapi).toBe(doc);
    expect(job.pages.map((p) => `${p.kind} ${p.method} ${p.path}`)).toEqual(index.operations.map((op) => `${op.kind} ${op.method} ${op.path}`));
    expect(colourJob(routes.slice(0, 1)).pages).toEqual([]);
  });

  it('hands over every block of the pages, coloured exactly as the page would', async () => {
    started = startColourAhead(routes, { minPages: 1 });
    await started.finished;
    const colour = await blockColourer();
    const blocks: [string, string][] = [];
    asides(undefined, (code, language) => blocks.push([code, language]));
    expect(blocks.length).toBeGreaterThan(operations.length * 10);
    const distinct = new Map(blocks.map(([code, language]) => [blockKey(code, language), [code, language] as const]));
    for (const [key, [code, language]] of distinct) expect(ahead.source!.take(key)).toEqual(colour(code, language));
    // Each block is handed out once; the page keeps its own memo after that.
    expect(ahead.source!.take(blockKey(...blocks[0]!))).toBeUndefined();
  });

  it('gives pages the same bytes whether they take blocks from the worker or colour them', async () => {
    started = startColourAhead(routes, { minPages: 1 });
    await started.finished;
    const taken = asides(await referenceHighlighter());
    let first: [string, string] | undefined;
    asides(undefined, (code, language) => (first ??= [code, language]));
    expect(ahead.source!.take(blockKey(...first!))).toBeUndefined(); // the page took it
    await started.stop();
    expect(ahead.source).toBeUndefined();
    // Coloured here, block by block, as a page does without the worker.
    const colour = await blockColourer();
    const own = asides({ code: (code, language) => raw(colour(code, language).html), css: () => '' });
    expect(taken).toEqual(own);
    expect(taken.join('')).toContain('class="shiki');
  });

  it('leaves the pages colouring their blocks when the worker fails', async () => {
    const broken = routes.map((r) => ({ ...r, version: { ...version, environments: 'not a list' } })) as unknown as SiteRoute[];
    started = startColourAhead(broken, { minPages: 1 });
    await started.finished;
    const [code, language] = ['{\n  "failed": true\n}', 'json'];
    expect(ahead.source!.take(blockKey(code, language))).toBeUndefined();
    const page = await referenceHighlighter();
    expect(String(page.code(code, language))).toBe((await blockColourer())(code, language).html);
  });

  it('starts no worker for a few pages', async () => {
    started = startColourAhead(routes.slice(0, 3));
    await started.finished;
    expect(ahead.source).toBeUndefined();
  });
});
