import { describe, expect, it } from 'vitest';
import { binIndex, binValue, LatencySketch, RELATIVE_ACCURACY } from '../../../src/lib/analytics/sketch.ts';
import { seededRandom } from '../../../src/lib/seeded-random.ts';
import { exactQuantile } from './helpers.ts';

function lognormalValues(n: number, seed: number, median: number, sigma: number, integer: boolean): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
    const v = median * Math.exp(sigma * z);
    return integer ? Math.round(v) : v;
  });
}

const QUANTILES = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe('LatencySketch', () => {
  it.each([
    ['integer ms with zeros', lognormalValues(20_000, 1, 3, 1.2, true)],
    ['wide continuous range', lognormalValues(20_000, 2, 80, 2.5, false)],
    ['sub-millisecond values', lognormalValues(5_000, 3, 0.05, 0.8, false)],
  ])('answers every quantile within 1%% of the exact order statistic (%s)', (_name, values) => {
    const sketch = new LatencySketch();
    for (const v of values) sketch.add(v);
    for (const q of QUANTILES) {
      const exact = exactQuantile(values, q);
      const estimate = sketch.quantile(q)!;
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY * (1 + 1e-9));
    }
  });

  it('keeps count, sum, min and max exact', () => {
    const values = [0, 0, 1, 7, 7, 250, 12_000.5];
    const sketch = new LatencySketch();
    for (const v of values) sketch.add(v);
    expect(sketch.count).toBe(7);
    expect(sketch.sum).toBe(values.reduce((a, b) => a + b, 0));
    expect(sketch.min).toBe(0);
    expect(sketch.max).toBe(12_000.5);
    expect(sketch.zero).toBe(2);
    expect(sketch.average).toBe(sketch.sum / 7);
    expect(sketch.quantile(0)).toBe(0);
    expect(sketch.quantile(1)).toBe(12_000.5);
  });

  it('puts each value in the bin whose bounds contain it', () => {
    const gamma = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    for (const v of [0.001, 0.5, 1, 2, 3, 99, 100, 101, 65_535]) {
      const i = binIndex(v);
      expect(v).toBeGreaterThan(Math.pow(gamma, i - 1) * (1 - 1e-12));
      expect(v).toBeLessThanOrEqual(Math.pow(gamma, i) * (1 + 1e-12));
      expect(Math.abs(binValue(i) - v) / v).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-12);
    }
  });

  it('merges exactly: two halves merged equal the sketch of all values', () => {
    const values = lognormalValues(4_000, 4, 40, 1, true);
    const all = new LatencySketch();
    const left = new LatencySketch();
    const right = new LatencySketch();
    values.forEach((v, i) => {
      all.add(v);
      (i % 3 === 0 ? left : right).add(v);
    });
    left.merge(right);
    expect(left.toJSON()).toEqual(all.toJSON());
  });

  it('adds repeated observations with a count', () => {
    const a = new LatencySketch();
    a.add(25, 4);
    const b = new LatencySketch();
    for (let i = 0; i < 4; i++) b.add(25);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('round-trips through JSON; binEntries lists bins in ascending order, negative ones first', () => {
    const sketch = new LatencySketch();
    for (const v of [0, 0.2, 0.9, 1, 5, 5, 300]) sketch.add(v);
    const json = sketch.toJSON();
    const indices = sketch.binEntries().map(([index]) => index);
    expect(indices).toEqual([...indices].sort((x, y) => x - y));
    expect(indices.some((i) => i < 0)).toBe(true);
    const back = LatencySketch.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(back).toBeInstanceOf(LatencySketch);
    expect((back as LatencySketch).toJSON()).toEqual(json);
    expect((back as LatencySketch).quantile(0.5)).toBe(sketch.quantile(0.5));
  });

  it('explains what is wrong with a damaged sketch instead of throwing', () => {
    expect(LatencySketch.fromJSON({ count: 3, sum: 10, zero: 0, bins: { '5': 1 }, min: 1, max: 2 })).toMatch(
      /count.*3.*add up to 1/,
    );
    expect(LatencySketch.fromJSON({ count: 1, sum: 1, zero: 0, bins: { x: 1 }, min: 1, max: 1 })).toMatch(/not an integer/);
    expect(LatencySketch.fromJSON({ count: 1, sum: 1, zero: 0, bins: { '0': 1 } })).toMatch(/min/);
    expect(LatencySketch.fromJSON([])).toMatch(/object/);
  });

  it('counts values below 1 ns as zero but keeps min, sum and max exact', () => {
    const sketch = new LatencySketch();
    sketch.add(1e-9);
    sketch.add(1e-300);
    sketch.add(2);
    expect(sketch.zero).toBe(2);
    expect(sketch.min).toBe(1e-300);
    expect(sketch.sum).toBe(2 + 1e-9 + 1e-300);
    expect(sketch.binEntries()).toHaveLength(1);
  });

  it('is empty until something is added, and refuses negative latencies', () => {
    const sketch = new LatencySketch();
    expect(sketch.quantile(0.5)).toBeUndefined();
    expect(sketch.average).toBeUndefined();
    expect(() => sketch.add(-1)).toThrow(RangeError);
    expect(() => sketch.add(Number.NaN)).toThrow(RangeError);
  });
});
