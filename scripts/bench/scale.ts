/**
 * `--scale`: the synthetic portal built cold at 25, 50 and 100 products (other dimensions as
 * given), to show how peak memory grows with the number of products. Issue 9 asks for
 * sub-linear growth: pages are streamed, not every spec's HTML held at once.
 */
import type { ScalePoint } from './report.ts';
import type { RunRecord } from './run-build.ts';
import { syntheticScenario, type ScenarioContext } from './scenarios.ts';
import type { SyntheticPortalSize } from './synthetic/portal.ts';

export const SCALE_PRODUCTS = [25, 50, 100] as const;

/** `reuse`: cold runs already made this session, by product count (same other dimensions). */
export async function scaleSeries(ctx: ScenarioContext, size: SyntheticPortalSize, reuse: ReadonlyMap<number, RunRecord>): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const products of SCALE_PRODUCTS) {
    let run = reuse.get(products);
    if (run) ctx.log(`scale: ${products} products — reusing the synthetic cold build`);
    else [run] = (await syntheticScenario(ctx, { ...size, products }, { warm: false, name: 'scale' })).runs;
    if (!run?.ok) {
      ctx.log(`scale: the ${products}-product build failed; stopping the series`);
      break;
    }
    points.push({
      products,
      pages: run.pages,
      wallSeconds: run.wallSeconds,
      nodeRssBytes: run.nodeRssBytes,
      peakRssByProcess: run.peakRssByProcess,
      treePeakRssBytes: run.treePeakRssBytes,
    });
  }
  return points;
}

/** One line on how the Node process's memory grew, e.g. "4× the products, 1.6× the node RSS: sub-linear". */
export function describeGrowth(points: readonly ScalePoint[]): string {
  if (points.length < 2) return 'not enough points';
  const a = points[0]!;
  const b = points.at(-1)!;
  const products = b.products / a.products;
  const rss = b.nodeRssBytes / a.nodeRssBytes;
  return `${products.toFixed(1)}× the products, ${rss.toFixed(2)}× the Node process's peak RSS: ${rss < products ? 'sub-linear' : 'linear or worse'}`;
}
