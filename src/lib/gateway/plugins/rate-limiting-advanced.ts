/**
 * rate-limiting-advanced: `limit[i]` requests per `window_size[i]` seconds. Allow-list:
 * `limit`, `window_size`. A window is named when it is exactly one unit (1 → `second`,
 * 60 → `minute`, 3600 → `hour`, 86400 → `day`); otherwise it reads `<n> seconds`. Months and
 * years are calendar periods in Kong's rate-limiting plugin, while this plugin's windows are
 * fixed lengths, so 2592000 stays `2592000 seconds` rather than pretending to be a month.
 * Identifiers, namespaces, Redis and consumer-group overrides stay out.
 */
import { configuredPerEnvironment, readNumberList } from './config-values.ts';
import type { RateLimit } from '../types.ts';
import type { PluginReader } from './summary.ts';

const NAMED_WINDOWS: ReadonlyMap<number, string> = new Map([
  [1, 'second'],
  [60, 'minute'],
  [3600, 'hour'],
  [86400, 'day'],
]);

export function windowName(seconds: number): string {
  return NAMED_WINDOWS.get(seconds) ?? `${seconds} seconds`;
}

export const readRateLimitingAdvanced: PluginReader = (config) => {
  const limits = readNumberList(config, 'limit');
  const windows = readNumberList(config, 'window_size');
  const rate_limits: RateLimit[] = [];
  // Kong requires both lists to be the same length; pair what is there and skip broken pairs.
  for (let i = 0; i < Math.min(limits.length, windows.length); i++) {
    const limit = limits[i];
    const seconds = windows[i];
    if (limit !== undefined && seconds !== undefined) rate_limits.push({ limit, window: windowName(seconds) });
  }
  const templated = configuredPerEnvironment(config, ['limit', 'window_size']).length > 0;
  return { rate_limits, ...(templated ? { configured_per_environment: ['rate_limits'] } : {}) };
};
