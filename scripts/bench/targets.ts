/**
 * Issue 9's targets, checked against the recorded runs. A target whose scenario did not run
 * is left out rather than reported as met.
 */
import type { RunRecord } from './run-build.ts';

export interface TargetCheck {
  target: string;
  actual: string;
  met: boolean;
}

const GB = 1e9;
const MB = 1024 * 1024;

export function checkTargets(
  runs: readonly RunRecord[],
  comparison?: { atriumSeconds: number; peerSeconds?: number; peerOk?: boolean; peerPages?: number; atriumPages?: number; spec: string },
  /** The 3-minute target is for the default size (100 products × 3 versions …) only. */
  syntheticIsDefaultSize = true,
): TargetCheck[] {
  const find = (scenario: string, run: 'cold' | 'warm') => runs.find((r) => r.scenario === scenario && r.run === run);
  const checks: TargetCheck[] = [];

  const github = find('github', 'cold');
  if (github) {
    checks.push({ target: 'GitHub REST spec cold ≤ 60 s', actual: github.ok ? `${github.wallSeconds} s` : 'failed', met: github.ok && github.wallSeconds <= 60 });
    checks.push({
      target: 'GitHub REST spec peak RSS ≤ 1.5 GB (largest process, as /usr/bin/time -v)',
      actual: `${(github.peakRssBytes / GB).toFixed(2)} GB; Node ${(github.nodeRssBytes / GB).toFixed(2)} GB; whole process tree ≤ ${(github.treePeakRssBytes / GB).toFixed(2)} GB`,
      met: github.ok && github.peakRssBytes <= 1.5 * GB,
    });
    if (github.site) {
      checks.push({
        target: 'GitHub REST spec: no page over 1 MB',
        actual: `largest ${(github.site.largestPage.bytes / MB).toFixed(2)} MiB (${github.site.largestPage.path})`,
        met: github.site.pagesOver1MB === 0,
      });
    }
  }
  const synthetic = find('synthetic', 'cold');
  if (synthetic && syntheticIsDefaultSize) {
    checks.push({
      target: 'synthetic portal cold ≤ 3 min',
      actual: synthetic.ok ? `${synthetic.wallSeconds} s` : 'failed',
      met: synthetic.ok && synthetic.wallSeconds <= 180,
    });
  }
  for (const warm of runs.filter((r) => r.run === 'warm' && r.ok)) {
    const rendered = warm.diagrams?.rendered ?? 0;
    const diagramWrites = warm.cacheWrites?.diagrams ?? 0;
    if ((find(warm.scenario, 'cold')?.diagrams?.rendered ?? 0) > 0) {
      checks.push({
        target: `${warm.scenario} warm: no unchanged diagram re-rendered`,
        actual: `${rendered} rendered, ${warm.diagrams?.cached ?? 0} from cache, ${diagramWrites} diagram cache writes`,
        met: rendered === 0 && diagramWrites === 0,
      });
    }
    const specWrites = warm.cacheWrites?.specs ?? 0;
    checks.push({
      target: `${warm.scenario} warm: no unchanged spec re-parsed`,
      actual: `${specWrites} spec cache writes; specs phase ${warm.phasesMs.specs ?? '?'} ms (cold ${find(warm.scenario, 'cold')?.phasesMs.specs ?? '?'} ms)`,
      met: specWrites === 0,
    });
  }
  if (comparison?.peerSeconds) {
    const ratio = comparison.atriumSeconds / comparison.peerSeconds;
    const target = `${comparison.spec}: Atrium ≤ 0.1× the time of Starlight + starlight-openapi`;
    if (comparison.peerOk === false) {
      // The peer crashed: it never builds the spec, so any complete Atrium build beats it.
      checks.push({
        target,
        actual: `Starlight crashed after ${comparison.peerSeconds} s with ${comparison.peerPages ?? 0} page(s); Atrium built ${comparison.atriumPages ?? '?'} pages in ${comparison.atriumSeconds} s (${ratio.toFixed(3)}× of the time to the crash)`,
        met: ratio <= 0.1 || (comparison.atriumPages ?? 0) > (comparison.peerPages ?? 0),
      });
    } else {
      checks.push({
        target,
        actual: `${ratio.toFixed(3)}× (${comparison.atriumSeconds} s vs ${comparison.peerSeconds} s)`,
        met: ratio <= 0.1,
      });
    }
  }
  return checks;
}
