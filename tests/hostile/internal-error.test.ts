/**
 * Issue 19: a crash inside Atrium used to exit 2, which CI reads as "bad usage" (the caller's
 * fault). A bug exits 70 (EX_SOFTWARE) with one line asking for a report; ATRIUM_DEBUG=1 adds
 * the stack. The crash is simulated by a loader that throws, since no known input crashes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.ts';

vi.mock('../../src/lib/content/load-content.ts', () => ({
  loadContent: async () => {
    throw new Error('simulated bug in the loader\nwith a second line of detail');
  },
}));

const { main, EXIT_INTERNAL } = await import('../../scripts/cli.ts');

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('an internal crash', () => {
  it('exits 70, not 2 (bad usage), with one line asking for a report and no stack', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubEnv('ATRIUM_DEBUG', '');
    expect(await main(['check', '--content', REPO_ROOT])).toBe(70);
    expect(EXIT_INTERNAL).toBe(70);
    const printed = errors.mock.calls.map((args) => args.join(' '));
    expect(printed).toEqual([
      'atrium: internal error (a bug in Atrium, not in your content): simulated bug in the loader — please report it with the command you ran and its output with ATRIUM_DEBUG=1.',
    ]);
  });

  it('with ATRIUM_DEBUG=1 adds the stack trace', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubEnv('ATRIUM_DEBUG', '1');
    expect(await main(['check', '--content', REPO_ROOT])).toBe(70);
    const printed = errors.mock.calls.map((args) => String(args[0]));
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/^atrium: internal error .*please report it with the command you ran\.$/);
    expect(printed[1]).toContain('with a second line of detail');
    expect(printed[1]).toMatch(/\n\s+at /);
  });
});
