import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../../src/lib/site/progress.ts';

describe('progress', () => {
  it('prints at most one line per interval with done/total and rate, and nothing after done', () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const lines: string[] = [];
    const p = createProgress('render', 1000, (l) => lines.push(l), 5000);
    for (let i = 0; i < 100; i++) p.tick();
    expect(lines).toEqual([]);
    vi.setSystemTime(5000);
    p.tick();
    expect(lines).toEqual(['render   101/1,000 (20/s)']);
    p.tick();
    expect(lines).toHaveLength(1);
    p.done();
    vi.setSystemTime(20000);
    p.tick();
    expect(lines).toHaveLength(1);
    vi.useRealTimers();
  });
});
