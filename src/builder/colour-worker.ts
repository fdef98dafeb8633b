/**
 * The worker of colour-ahead.ts: makes each operation page's request samples and response
 * examples as the page does (renderOperationAside, from a copy of the spec), from the last
 * page back, and posts each distinct block coloured, once, to the main thread.
 */
import { createHash } from 'node:crypto';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { ResolvedEnvironment } from '../lib/gateway/types.ts';
import { raw } from '../lib/html.ts';
import { followRef, resolvePointer } from '../lib/openapi/json-pointer.ts';
import { isObject } from '../lib/openapi/object.ts';
import { pathItemPointer } from '../lib/openapi/operations.ts';
import { operationParameters } from '../lib/openapi/parameters.ts';
import { blockColourer, blockKey, type Highlight } from '../lib/reference/code-highlight.ts';
import { examplesOf, type Direction } from '../lib/reference/example.ts';
import { exampleBlocks } from '../lib/reference/markup.ts';
import { renderOperationAside } from '../lib/reference/operation-aside.ts';
import type { SpecObject } from '../lib/reference/types.ts';

export interface ColourJob {
  docs: { openapi: SpecObject; environments: ResolvedEnvironment[] }[];
  /** In render order; coloured from the end. */
  pages: { doc: number; kind: 'operation' | 'webhook' | 'callback'; method: string; path: string; pointer: string }[];
}

/** A body's examples per media type, as bodies.ts mediaBlocks shows them. */
function bodyExamples(doc: SpecObject, body: unknown, direction: Direction, label: string, highlight: Highlight): void {
  const content = isObject(body) ? body.content : undefined;
  if (!isObject(content)) return;
  for (const media of Object.values(content)) {
    const m = isObject(media) ? media : {};
    exampleBlocks(examplesOf(doc, m, m.schema, direction), label, highlight);
  }
}

async function main(job: ColourJob, port: MessagePort, pagesStarted: Int32Array): Promise<void> {
  const colour = await blockColourer();
  // By digest: the blocks themselves (GitHub: ~90 MB of text) need not stay here once posted.
  const posted = new Set<string>();
  const highlight: Highlight = {
    code(code, language) {
      const key = blockKey(code, language);
      const digest = createHash('sha1').update(key).digest('base64');
      if (!posted.has(digest)) {
        posted.add(digest);
        port.postMessage([key, colour(code, language)]);
      }
      return raw('');
    },
    css: () => '',
  };
  // Pages the renderer has begun colour their own blocks: stop where the two meet.
  for (let i = job.pages.length - 1; i >= Atomics.load(pagesStarted, 0); i--) {
    const page = job.pages[i]!;
    const { openapi, environments } = job.docs[page.doc]!;
    const operation = resolvePointer(openapi, page.pointer);
    const pathItem = resolvePointer(openapi, pathItemPointer(page.pointer));
    if (!isObject(operation) || !isObject(pathItem)) continue;
    // What the page colours, in its order (operation-page.ts): the request body's examples,
    // then the right pane for an operation, or the responses' examples for a webhook or callback.
    bodyExamples(openapi, followRef(openapi, operation.requestBody).value, page.kind === 'operation' ? 'request' : 'response', 'Example request', highlight);
    if (page.kind === 'operation') {
      const parameters = operationParameters(openapi, { operation, pathItem });
      renderOperationAside(openapi, { method: page.method, path: page.path, operation, pathItem, parameters }, environments, highlight);
    } else if (isObject(operation.responses)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('x-')) bodyExamples(openapi, followRef(openapi, response).value, 'response', 'Example response', highlight);
      }
    }
  }
  port.close();
}

const { job, port, pagesStarted } = workerData as { job: ColourJob; port: MessagePort; pagesStarted: Int32Array };
await main(job, port, pagesStarted);
