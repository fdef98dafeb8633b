/**
 * rate-limiting: one `{limit, window}` per configured period. Allow-list: `second`, `minute`,
 * `hour`, `day`, `month`, `year`. Policy, Redis settings and `limit_by` stay out.
 */
import { configuredPerEnvironment, readPositiveNumber } from './config-values.ts';
import { RATE_LIMIT_UNITS } from './summary.ts';
import type { RateLimit } from '../types.ts';
import type { PluginReader } from './summary.ts';

export const readRateLimiting: PluginReader = (config) => {
  const rate_limits: RateLimit[] = [];
  for (const window of RATE_LIMIT_UNITS) {
    const limit = readPositiveNumber(config, window);
    if (limit !== undefined) rate_limits.push({ limit, window });
  }
  const templated = configuredPerEnvironment(config, RATE_LIMIT_UNITS).length > 0;
  return { rate_limits, ...(templated ? { configured_per_environment: ['rate_limits'] } : {}) };
};
