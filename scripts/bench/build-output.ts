/**
 * Reads what `atrium build` prints: one line per phase (`  specs    9 spec(s), … in 453 ms`)
 * and the summary line (`atrium build: 452 page(s), 360 operation(s), 60 doc(s); diagrams
 * 12 rendered, 0 from cache; 0 error(s), 0 warning(s); 13.2 s`).
 */

export interface BuildSummary {
  pages: number;
  operations: number;
  docs: number;
  diagramsRendered: number;
  diagramsCached: number;
  errors: number;
  warnings: number;
  /** The CLI's own figure, from its start to the end of the build. */
  seconds: number;
}

export interface ParsedBuildOutput {
  summary?: BuildSummary;
  /** Milliseconds per phase, in the order printed: load, specs, docs, render, files, index. */
  phases: Record<string, number>;
}

const SUMMARY =
  /^atrium build: (\d+) page\(s\), (\d+) operation\(s\), (\d+) doc\(s\); diagrams (\d+) rendered, (\d+) from cache; (\d+) error\(s\), (\d+) warning\(s\); ([\d.]+) s$/m;

const PHASE = /^ {2}([a-z]+)\s+.*? in (\d+) ms/gm;

export function parseBuildOutput(stdout: string): ParsedBuildOutput {
  const phases: Record<string, number> = {};
  for (const m of stdout.matchAll(PHASE)) phases[m[1]!] = Number(m[2]);
  const s = SUMMARY.exec(stdout);
  if (!s) return { phases };
  const n = (i: number) => Number(s[i]);
  return {
    phases,
    summary: {
      pages: n(1),
      operations: n(2),
      docs: n(3),
      diagramsRendered: n(4),
      diagramsCached: n(5),
      errors: n(6),
      warnings: n(7),
      seconds: n(8),
    },
  };
}
