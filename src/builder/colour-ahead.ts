/**
 * Colours the reference's code blocks on a second core while the build bundles and renders.
 * Astro renders pages one after another on the main thread, and colouring the request
 * samples and response examples of an operation page is a large share of its time (GitHub's
 * REST spec: ~17,000 blocks, ~10 s CPU). A worker thread (colour-worker.ts) is given, once the
 * site is resolved, the operation pages Astro will render in its order; it makes their blocks
 * the way the page does (renderOperationAside, the bodies' examples) and colours them from the far end, so the two
 * threads meet in the middle. The page takes a block coloured ahead instead of colouring it
 * (code-highlight.ts `setColouredAhead`), synchronously from the worker's message port.
 *
 * Byte-identical either way: a block's colour is a pure function of its language and text.
 * The worker writes nothing: a killed build leaves no file of it, and it dies with the
 * process. Any failure of the worker (it cannot start, throws, runs out of memory) only means
 * the pages colour their blocks themselves, as without it.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { hasApi } from '../lib/site/model.ts';
import type { SiteRoute } from '../lib/site/routes.ts';
import { setColouredAhead } from '../lib/reference/code-highlight.ts';
import type { HighlightedCode } from '../lib/reference/line-highlight.ts';
import type { ColourJob } from './colour-worker.ts';

/** Below this many operation pages the worker's start (Shiki's grammars, the spec's copy) costs more than it saves. */
const MIN_PAGES = 50;

export interface ColourAhead {
  /** Settles when the worker has ended (done, failed or stopped). */
  finished: Promise<void>;
  /** Stops the worker and forgets what it coloured; the pages colour the rest themselves. */
  stop(): Promise<void>;
}

/** The operation pages among `routes`, grouped by spec, in the order Astro renders them. */
export function colourJob(routes: readonly SiteRoute[]): ColourJob {
  const docs: ColourJob['docs'] = [];
  const pages: ColourJob['pages'] = [];
  const docOf = new Map<object, number>();
  for (const route of routes) {
    const version = route.version;
    if (route.kind !== 'operation' || !route.operation || !version || !hasApi(version)) continue;
    const ref = version.api.index.operations.find((op) => op.slug === route.operation);
    if (!ref) continue;
    let doc = docOf.get(version.api.openapi);
    if (doc === undefined) {
      docOf.set(version.api.openapi, (doc = docs.length));
      docs.push({ openapi: version.api.openapi, environments: version.environments });
    }
    pages.push({ doc, kind: ref.kind, method: ref.method, path: ref.path, pointer: ref.pointer });
  }
  return { docs, pages };
}

/** Starts colouring the blocks of `routes`' operation pages; a no-op for few pages or when the worker cannot start. */
export function startColourAhead(routes: readonly SiteRoute[], options: { minPages?: number } = {}): ColourAhead {
  const job = colourJob(routes);
  const none = { finished: Promise.resolve(), stop: async () => {} };
  if (job.pages.length < (options.minPages ?? MIN_PAGES)) return none;
  let worker: Worker;
  let port: MessagePort;
  // How many of the job's pages the renderer has begun: the worker stops where it meets them.
  const pagesStarted = new Int32Array(new SharedArrayBuffer(4));
  try {
    const channel = new MessageChannel();
    port = channel.port1;
    worker = new Worker(new URL('./colour-worker.ts', import.meta.url), {
      workerData: { job, port: channel.port2, pagesStarted },
      transferList: [channel.port2],
      // Its garbage is short-lived strings; V8's default young generation added ~100-250 MB to a
      // GitHub build's peak (16 MB: none, but the worker fell further behind the pages).
      resourceLimits: { maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
  } catch {
    return none;
  }
  // Never keeps a finished build waiting, nor says anything: its failure is only a slower build.
  worker.unref();
  port.unref();
  worker.on('error', () => {});
  const finished = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const blocks = new Map<string, HighlightedCode>();
  setColouredAhead({
    take(key) {
      let done = blocks.get(key);
      if (!done) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const [k, value] = m.message as [string, HighlightedCode];
          blocks.set(k, value);
        }
        done = blocks.get(key);
      }
      if (done) blocks.delete(key);
      return done;
    },
    pageStarted() {
      Atomics.add(pagesStarted, 0, 1);
    },
  });
  return {
    finished,
    async stop() {
      setColouredAhead(undefined);
      blocks.clear();
      port.close();
      await worker.terminate().catch(() => {});
    },
  };
}
