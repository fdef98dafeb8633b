/** `atrium analytics pull` usage: what it refuses before sending anything, never echoing a header value. */
import { describe, expect, it } from 'vitest';
import { parseSince } from '../../../scripts/commands/analytics.ts';
import { runAtrium } from '../../helpers/cli.ts';

const SECRET = 'hdr-secret-31415926';

describe('atrium analytics pull usage', () => {
  it('refuses bad options with exit 2 and never echoes a header value', async () => {
    const cases: [string[], RegExp][] = [
      [['--control-plane', 'prod'], /--prometheus is required/],
      [['--prometheus', 'http://127.0.0.1:9'], /--control-plane is required/],
      [['--control-plane', 'prod', '--prometheus', 'http://127.0.0.1:9', '--since', 'last week'], /--since must be like 30d, 12h, 2w or an ISO time/],
      [['--control-plane', 'prod', '--prometheus', 'ftp://example', '--header', `Authorization: ${SECRET}`], /--prometheus must be an http\(s\) URL/],
      [['--control-plane', 'prod', '--prometheus', 'http://127.0.0.1:9', '--header', `Bearer ${SECRET}`], /--header must be "Name: value"/],
    ];
    for (const [args, message] of cases) {
      const result = await runAtrium(['analytics', 'pull', ...args]);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stdout + result.stderr).not.toContain(SECRET);
    }
  }, 60_000);

  it('reads --since as a duration back from now or an ISO time', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(parseSince('30d', now)).toBe(Date.parse('2026-11-01T12:00:00Z'));
    expect(parseSince('12h', now)).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(parseSince('2w', now)).toBe(Date.parse('2026-11-17T12:00:00Z'));
    expect(parseSince('2026-11-20T00:00:00Z', now)).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(parseSince('2026-11-20 00:00', now)).toBeUndefined();
  });
});
