/**
 * Field types shared by the content schemas. Each carries its own message, written for a
 * doc writer ("expected a date like 2027-06-30"), which friendly-zod prefixes with the key.
 */
import { z } from 'zod';
import { describeValue } from '../../diagnostics/friendly-zod.ts';

/** A non-empty string (a display name, a title). */
export const text = z.string().trim().min(1);

/**
 * An absolute http(s) URL. Other schemes (`javascript:`, `data:`, `file:`) are refused:
 * these values end up in links and fetches.
 */
export const httpUrl = z.string().refine(isHttpUrl, {
  error: (issue) => `expected an absolute http(s) URL like https://api.example.com, got ${describeValue(issue.input)}`,
});

/** A link target in the portal chrome: an absolute http(s) URL, a `mailto:` address or a site path (`/about/`). */
export const linkUrl = z.string().refine((v) => isHttpUrl(v) || /^mailto:[^\s]+$/.test(v) || /^\/(?!\/)\S*$/.test(v), {
  error: (issue) =>
    `expected an http(s) URL, a mailto: address or a path starting with / (like /about/), got ${describeValue(issue.input)}`,
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (`2027-02-30` is not one). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A calendar date, output as `YYYY-MM-DD`. YAML 1.2 keeps `2027-06-30` a string, YAML 1.1
 * parsers (and `!!timestamp`) give a Date at UTC midnight: both are accepted.
 */
export const calendarDate = z.unknown().transform((value, ctx): string => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && isCalendarDate(value.trim())) return value.trim();
  const why = typeof value === 'string' && ISO_DATE.test(value.trim()) ? ', which is not a day of the calendar' : '';
  ctx.addIssue({ code: 'custom', message: `expected a date like 2027-06-30, got ${describeValue(value)}${why}` });
  return z.NEVER;
});

/** Labels as Konnect stores them: string keys to string values (rules checked in rules/labels.ts). */
export const labelMap = z.record(z.string(), z.string());
