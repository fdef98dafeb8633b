/**
 * Webhooks and callbacks in the diff, on the OpenAPI Initiative's own examples
 * (tests/fixtures/specs/oai-examples/, see the README there): the diff sees what the reference lists.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffSpecs, formatDiffText, renderChangesHtml, toDiffJson } from '../../../src/lib/diff/index.ts';
import { runDiff } from '../../../scripts/commands/diff.ts';

const OAI = fileURLToPath(new URL('../../fixtures/specs/oai-examples/', import.meta.url));
const read = (name: string): Record<string, any> => parse(readFileSync(path.join(OAI, name), 'utf8'));

describe('webhooks (OAI webhook-example)', () => {
  const withHook = read('webhook-example.yaml');
  const withoutHook = read('webhook-example.yaml');
  delete withoutHook.webhooks;

  it('a removed webhook is listed as { method, webhook } in `removed`, and is breaking', () => {
    const json = toDiffJson(diffSpecs(withHook, withoutHook));
    expect(json).toEqual({ breaking: true, added: [], removed: [{ method: 'post', webhook: 'newPet' }], changed: [] });
  });

  it('an added webhook is listed in `added` and breaks nothing', () => {
    const json = toDiffJson(diffSpecs(withoutHook, withHook));
    expect(json).toEqual({ breaking: false, added: [{ method: 'post', webhook: 'newPet' }], removed: [], changed: [] });
  });

  it('a changed webhook payload is a change of the webhook', () => {
    const changed = read('webhook-example.yaml');
    changed.components.schemas.Pet.required = ['id', 'name', 'tag'];
    const json = toDiffJson(diffSpecs(withHook, changed));
    expect(json.changed).toHaveLength(1);
    expect(json.changed[0]).toMatchObject({ method: 'post', webhook: 'newPet' });
    expect(json.changed[0]).not.toHaveProperty('path');
    expect(json.changed[0]!.changes.map((c) => c.kind)).toEqual(['request-property-became-required']);
    // The API sends the webhook: a property it now always sends breaks no receiver.
    expect(json.changed[0]).toMatchObject({ breaking: false });
    expect(json.breaking).toBe(false);
  });

  it('judges the webhook request as data the reader receives: what a path operation may do, a webhook may not, and back', () => {
    const judged = (edit: (doc: Record<string, any>) => void) => {
      const after = read('webhook-example.yaml');
      edit(after);
      return toDiffJson(diffSpecs(withHook, after)).changed[0]!.changes.map((c) => `${c.breaking ? 'B' : '-'} ${c.kind}`);
    };
    // Widening what is sent: harmless from a client, breaking towards a receiver.
    expect(judged((doc) => (doc.components.schemas.Pet.properties.id.type = 'number'))).toEqual([
      'B request-type-changed',
    ]);
    expect(judged((doc) => (doc.components.schemas.Pet.required = ['id']))).toEqual(['B request-property-became-optional']);
    // A property receivers read disappears: breaking either way.
    expect(judged((doc) => delete doc.components.schemas.Pet.properties.name)).toEqual(['B request-property-removed']);
    // A new media type is one the receiver's endpoint may not parse; one dropped is one it no longer gets.
    expect(judged((doc) => (doc.webhooks.newPet.post.requestBody.content['application/xml'] = { schema: { type: 'string' } }))).toEqual([
      'B request-media-type-added',
    ]);
    // The receiver's answer: a body the API now also reads breaks no receiver that sends none.
    expect(judged((doc) => (doc.webhooks.newPet.post.responses['200'].content = { 'application/json': { schema: { type: 'object' } } }))).toEqual([
      '- response-media-type-added',
    ]);
  });

  it('the same edits on a path operation are judged the other way round', () => {
    const asPath = (doc: Record<string, any>) => ({ ...doc, paths: { '/pets': doc.webhooks.newPet }, webhooks: undefined });
    const judged = (edit: (doc: Record<string, any>) => void) => {
      const after = read('webhook-example.yaml');
      edit(after);
      return toDiffJson(diffSpecs(asPath(withHook), asPath(after))).changed[0]!.changes.map((c) => `${c.breaking ? 'B' : '-'} ${c.kind}`);
    };
    expect(judged((doc) => (doc.components.schemas.Pet.required = ['id', 'name', 'tag']))).toEqual(['B request-property-became-required']);
    expect(judged((doc) => (doc.components.schemas.Pet.properties.id.type = 'number'))).toEqual(['- request-type-changed']);
    expect(judged((doc) => (doc.components.schemas.Pet.required = ['id']))).toEqual(['- request-property-became-optional']);
    expect(judged((doc) => (doc.webhooks.newPet.post.requestBody.content['application/xml'] = { schema: { type: 'string' } }))).toEqual([
      '- request-media-type-added',
    ]);
  });

  it('text and the changes page name the webhook', () => {
    const diff = diffSpecs(withHook, withoutHook);
    expect(formatDiffText(diff)).toContain('POST webhook newPet: operation removed');
    expect(renderChangesHtml(diff, { oldVersion: 'v1', newVersion: 'v2' })).toMatch(/POST<\/span> webhook <code>newPet<\/code>/);
  });

  it('the changes page asks for the webhook’s page as a webhook, not as a path', () => {
    const asked: string[] = [];
    const html = renderChangesHtml(diffSpecs(withHook, withoutHook), {
      oldVersion: 'v1',
      newVersion: 'v2',
      oldOperationUrl: (method, name, kind) => (asked.push(`${kind} ${method} ${name}`), kind === 'webhook' ? '/v1/reference/new-pet/' : undefined),
    });
    expect(asked).toEqual(['webhook post newPet']);
    expect(html).toContain('<a href="/v1/reference/new-pet/">v1</a>');
  });

  it('`atrium diff --format json` prints it and `--fail-on breaking` exits 1', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-webhook-diff-'));
    try {
      await writeFile(path.join(dir, 'old.yaml'), stringify(withHook));
      await writeFile(path.join(dir, 'new.yaml'), stringify(withoutHook));
      let stdout = '';
      const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
      let code: number;
      try {
        code = await runDiff(path.join(dir, 'old.yaml'), path.join(dir, 'new.yaml'), { format: 'json', failOn: 'breaking' });
      } finally {
        out.mockRestore();
      }
      expect(code).toBe(1);
      expect(JSON.parse(stdout).removed).toEqual([{ method: 'post', webhook: 'newPet' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('callbacks (OAI callback-example)', () => {
  const before = read('callback-example.yaml');
  const callbackOf = (doc: Record<string, any>) => doc.paths['/streams'].post.callbacks.onData['{$request.query.callbackUrl}/data'].post;

  it('the same document has no changes', () => {
    expect(toDiffJson(diffSpecs(before, read('callback-example.yaml')))).toEqual({ breaking: false, added: [], removed: [], changed: [] });
  });

  it('a change inside a callback is a change of the operation that declares it, kind `callback-…`', () => {
    const after = read('callback-example.yaml');
    delete callbackOf(after).requestBody.content['application/json'].schema.properties.userData;
    const json = toDiffJson(diffSpecs(before, after));
    expect(json.changed).toHaveLength(1);
    expect(json.changed[0]).toMatchObject({ method: 'post', path: '/streams' });
    const kinds = json.changed[0]!.changes.map((c) => c.kind);
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(kind).toMatch(/^callback-/);
    expect(json.changed[0]!.changes[0]!.message).toContain('callback `onData`');
    expect(json.changed[0]!.changes[0]!.message).toContain('userData');
  });

  it('a removed callback is a breaking change of its operation; an added one is not', () => {
    const after = read('callback-example.yaml');
    delete after.paths['/streams'].post.callbacks;
    const removed = toDiffJson(diffSpecs(before, after));
    expect(removed.breaking).toBe(true);
    expect(removed.changed[0]).toMatchObject({ method: 'post', path: '/streams', breaking: true });
    expect(removed.changed[0]!.changes.map((c) => c.kind)).toEqual(['callback-removed']);
    const added = toDiffJson(diffSpecs(after, before));
    expect(added.breaking).toBe(false);
    expect(added.changed[0]!.changes.map((c) => c.kind)).toEqual(['callback-added']);
  });

  it('the callback request is judged as data the reader receives, its response as data the reader sends', () => {
    const judged = (edit: (doc: Record<string, any>) => void) => {
      const after = read('callback-example.yaml');
      edit(after);
      return toDiffJson(diffSpecs(before, after)).changed[0]!.changes.map((c) => `${c.breaking ? 'B' : '-'} ${c.kind}`);
    };
    const payload = (doc: Record<string, any>) => callbackOf(doc).requestBody.content['application/json'].schema;
    // The API now always sends `timestamp`: the reader's endpoint gets more certainty, nothing breaks.
    expect(judged((doc) => (payload(doc).required = ['timestamp']))).toEqual(['- callback-request-property-became-required']);
    // The API may send a value the reader's endpoint does not expect.
    expect(judged((doc) => (payload(doc).properties.userData = { type: ['string', 'integer'] }))).toEqual(['B callback-request-type-changed']);
    // The reader's endpoint must now answer 202 with a body holding `ok`: receivers built before do not.
    const answer = { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } };
    const withAnswer = read('callback-example.yaml');
    callbackOf(withAnswer).responses['202'].content = answer;
    const stricter = structuredClone(withAnswer);
    callbackOf(stricter).responses['202'].content['application/json'].schema.required = ['ok'];
    const changes = toDiffJson(diffSpecs(withAnswer, stricter)).changed[0]!.changes;
    expect(changes.map((c) => `${c.breaking ? 'B' : '-'} ${c.kind}`)).toEqual(['B callback-response-property-became-required']);
  });

  it('a callback moved to #/components/callbacks is the same callback', () => {
    const after = read('callback-example.yaml');
    const onData = after.paths['/streams'].post.callbacks.onData;
    after.components = { callbacks: { onData } };
    after.paths['/streams'].post.callbacks.onData = { $ref: '#/components/callbacks/onData' };
    expect(toDiffJson(diffSpecs(before, after)).changed).toEqual([]);
  });
});
