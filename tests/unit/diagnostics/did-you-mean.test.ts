import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance, listNames } from '../../../src/lib/diagnostics/did-you-mean.ts';

describe('did-you-mean', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('publsh_status', 'publish_status')).toBe(1);
    expect(editDistance('titel', 'title')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests close names only', () => {
    expect(closestMatch('publsh_status', ['name', 'publish_status', 'deprecated'])).toBe('publish_status');
    expect(closestMatch('sunet', ['message', 'sunset', 'replacement'])).toBe('sunset');
    expect(closestMatch('xyz', ['name', 'publish_status'])).toBeUndefined();
    expect(closestMatch('Render', ['render'])).toBe('render');
  });

  it('falls back to the one candidate the input starts', () => {
    expect(closestMatch('prod', ['production', 'staging'])).toBe('production');
    expect(closestMatch('pro', ['production', 'promo'])).toBeUndefined();
  });

  it('formats the suggestion and lists', () => {
    expect(didYouMean('sunet', ['sunset'])).toBe('; did you mean `sunset`?');
    expect(didYouMean('zzz', ['sunset'])).toBe('');
    expect(listNames(['a', 'b', 'c'], 2)).toBe('`a`, `b` and 1 more');
  });
});
