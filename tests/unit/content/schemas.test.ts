import { describe, expect, it } from 'vitest';
import { calendarDate, isCalendarDate } from '../../../src/lib/content/schemas/fields.ts';
import { portalSchema } from '../../../src/lib/content/schemas/portal.ts';
import { versionSchema } from '../../../src/lib/content/schemas/version.ts';

describe('calendar dates', () => {
  it('accept real days only', () => {
    expect(isCalendarDate('2027-06-30')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-6-30')).toBe(false);
  });

  it('accept a string or a Date (YAML 1.1 timestamps) and output YYYY-MM-DD', () => {
    expect(calendarDate.parse('2027-06-30')).toBe('2027-06-30');
    expect(calendarDate.parse(new Date(Date.UTC(2027, 5, 30)))).toBe('2027-06-30');
    expect(calendarDate.safeParse(20270630).success).toBe(false);
    expect(calendarDate.safeParse(new Date('nope')).success).toBe(false);
  });
});

describe('schemas', () => {
  it('fill version.yaml defaults', () => {
    expect(versionSchema.parse({})).toEqual({ publish_status: 'unpublished', deprecated: false, gateway_services: [] });
  });

  it('refuse script URLs and non-hex colours in portal.yaml', () => {
    const bad = portalSchema.safeParse({
      title: 'x',
      branding: { accent_color: 'red;background:url(x)', footer_links: [{ label: 'x', url: 'javascript:alert(1)' }] },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['branding.accent_color', 'branding.footer_links.0.url']);
  });
});
