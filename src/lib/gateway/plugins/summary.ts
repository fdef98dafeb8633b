/**
 * What one plugin instance tells an API consumer, as read by its module in this folder.
 * A module returns only the parts it knows; `resolve.ts` merges them per route and per
 * environment.
 */
import type { AuthRequirement, RateLimit, ResolvedEnvironment } from '../types.ts';
import type { PluginConfig } from './config-values.ts';

export type CorsPolicy = NonNullable<ResolvedEnvironment['cors']>;

export interface PluginSummary {
  auth?: AuthRequirement;
  /** Environment-level facts (`rate_limits`, `request_size_limit_bytes`) set by a template or vault reference. */
  configured_per_environment?: string[];
  rate_limits?: RateLimit[];
  cors?: CorsPolicy;
  request_size_limit_bytes?: number;
}

/** Reads the allow-listed fields of one plugin kind; never returns the config itself. */
export type PluginReader = (config: PluginConfig) => PluginSummary;

/** Seconds in each named window; month and year as Kong's rate-limiting counts them for ordering only. */
const UNIT_SECONDS: ReadonlyMap<string, number> = new Map([
  ['second', 1],
  ['minute', 60],
  ['hour', 3600],
  ['day', 86400],
  ['month', 30 * 86400],
  ['year', 365 * 86400],
]);

/** Rate-limit windows Kong's `rate-limiting` plugin counts, shortest first. */
export const RATE_LIMIT_UNITS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;

/** Length of a window (`minute`, `30 seconds`) in seconds, for ordering. */
export function windowSeconds(window: string): number {
  const unit = UNIT_SECONDS.get(window);
  if (unit !== undefined) return unit;
  const seconds = Number.parseFloat(window);
  return Number.isFinite(seconds) ? seconds : Number.POSITIVE_INFINITY;
}

/** Shorter windows first, then smaller limits: the order a reader scans limits in. */
export function compareRateLimits(a: RateLimit, b: RateLimit): number {
  return windowSeconds(a.window) - windowSeconds(b.window) || a.limit - b.limit;
}
