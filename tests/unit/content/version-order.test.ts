import { describe, expect, it } from 'vitest';
import { compareVersionNames, sortVersions } from '../../../src/lib/content/version-order.ts';

const sorted = (names: string[]) => [...names].sort(compareVersionNames);

describe('version order', () => {
  it('sorts numbers inside names numerically', () => {
    expect(sorted(['v10', 'v2', 'v1'])).toEqual(['v1', 'v2', 'v10']);
    expect(sorted(['1.10.0', '1.2.0', '2.0.0', '1.2'])).toEqual(['1.2', '1.2.0', '1.10.0', '2.0.0']);
  });

  it('puts a pre-release before its release', () => {
    expect(sorted(['2.0.0', '2.0.0-rc.10', '2.0.0-rc.2', '1.9.9'])).toEqual(['1.9.9', '2.0.0-rc.2', '2.0.0-rc.10', '2.0.0']);
  });

  it('sorts other names naturally', () => {
    expect(sorted(['2024-10', '2024-02', 'beta', 'alpha'])).toEqual(['2024-02', '2024-10', 'alpha', 'beta']);
  });

  it('puts an explicit order first', () => {
    const versions = [
      { name: 'v1', slug: 'v1' },
      { name: 'v3', slug: 'v3', order: 2 },
      { name: 'v2', slug: 'v2', order: 1 },
      { name: 'v10', slug: 'v10' },
    ];
    expect(sortVersions(versions).map((v) => v.slug)).toEqual(['v2', 'v3', 'v1', 'v10']);
    expect(versions[0].slug).toBe('v1'); // input untouched
  });
});
