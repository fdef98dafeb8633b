/**
 * A mergeable latency histogram in the style of DDSketch (Masson, Rim & Lee, VLDB 2019).
 *
 * Positive values fall into logarithmic bins: bin `i` holds values in (γ^(i-1), γ^i] with
 * γ = (1+α)/(1−α), and is represented by 2γ^i/(γ+1), which is within a relative error α of
 * every value in the bin. With α = 1% any quantile is within 1% of the exact order statistic.
 * Zero (Kong logs integer milliseconds, so 0 ms is common) has its own exact bucket.
 *
 * Count, sum, min and max are kept exactly, and merging is bin-wise addition, so two sketches
 * built from two halves of the data merge into exactly the sketch built from all of it —
 * which is what lets shards ingested on different machines combine without loss.
 */

export const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/**
 * Values below this (1 ns, in ms) count in the zero bucket: they are meaningless as latencies,
 * and indexing them would stretch the bins down to index −1000 and beyond.
 */
export const MIN_INDEXABLE = 1e-6;

/** The serialised form: sparse bins, `bins` keys are bin indices in ascending numeric order. */
export interface SketchJson {
  count: number;
  sum: number;
  min?: number;
  max?: number;
  /** Number of values equal to 0 (or below MIN_INDEXABLE). */
  zero: number;
  bins: Record<string, number>;
}

/** The bin a positive value falls into. */
export function binIndex(value: number): number {
  return Math.ceil(Math.log(value) / LOG_GAMMA);
}

/** The value reported for a bin: the point with equal relative distance to both bin bounds. */
export function binValue(index: number): number {
  return (2 * Math.pow(GAMMA, index)) / (GAMMA + 1);
}

export class LatencySketch {
  count = 0;
  /** Exact sum of the values added (kept exactly so averages are exact, not estimated). */
  sum = 0;
  min = Infinity;
  max = -Infinity;
  zero = 0;
  /**
   * Non-empty bins: ascending bin indices and their counts, side by side. Sparse, because a
   * sketch's bins can span hundreds of indices (1 ms to 60 s is bins 0 to 548; a Prometheus
   * histogram spread over its buckets reaches across all of them) while only a few dozen are
   * used: a snapshot holds hundreds of thousands of sketches, and dense arrays made memory
   * grow with the span instead of with what was seen.
   */
  private indices: number[] = [];
  private counts: number[] = [];

  /** Adds `count` observations of `value` (milliseconds, >= 0). */
  add(value: number, count = 1): void {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(`a latency must be a finite number >= 0, got ${value}`);
    }
    if (!(count > 0) || !Number.isInteger(count)) {
      throw new RangeError(`a count must be a positive integer, got ${count}`);
    }
    this.count += count;
    this.sum += value * count;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value < MIN_INDEXABLE) {
      this.zero += count;
      return;
    }
    this.addToBin(binIndex(value), count);
  }

  /** Adds every observation of `other` into this sketch (exact: bin-wise addition). */
  merge(other: LatencySketch): void {
    if (other.count === 0) return;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.zero += other.zero;
    // Both bin lists are sorted: one linear merge.
    const a = this.indices;
    const ac = this.counts;
    const b = other.indices;
    const bc = other.counts;
    const indices: number[] = [];
    const counts: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
        indices.push(a[i]!);
        counts.push(ac[i++]!);
      } else if (i >= a.length || b[j]! < a[i]!) {
        indices.push(b[j]!);
        counts.push(bc[j++]!);
      } else {
        indices.push(a[i]!);
        counts.push(ac[i++]! + bc[j++]!);
      }
    }
    this.indices = indices;
    this.counts = counts;
  }

  clone(): LatencySketch {
    const copy = new LatencySketch();
    copy.merge(this);
    return copy;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** Exact mean, or undefined for an empty sketch. */
  get average(): number | undefined {
    return this.count === 0 ? undefined : this.sum / this.count;
  }

  /**
   * The value at rank q·(count−1) of the sorted observations (0-based, rounded down), within
   * α relative error; the first and last ranks are the exact min and max, and estimates are
   * clamped to [min, max]. Undefined when empty.
   */
  quantile(q: number): number | undefined {
    if (this.count === 0) return undefined;
    if (!(q >= 0 && q <= 1)) throw new RangeError(`a quantile must be within [0, 1], got ${q}`);
    const rank = Math.floor(q * (this.count - 1));
    if (rank === 0) return this.min;
    if (rank === this.count - 1) return this.max;
    if (rank < this.zero) return 0;
    let seen = this.zero;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen > rank) return Math.min(this.max, Math.max(this.min, binValue(this.indices[i]!)));
    }
    return this.max;
  }

  toJSON(): SketchJson {
    const bins: Record<string, number> = {};
    for (const [index, n] of this.binEntries()) bins[String(index)] = n;
    const json: SketchJson = { count: this.count, sum: this.sum, zero: this.zero, bins };
    if (this.count > 0) {
      json.min = this.min;
      json.max = this.max;
    }
    return json;
  }

  /** Non-empty bins as `[index, count]` pairs in ascending index order (for serialisers). */
  binEntries(): [number, number][] {
    const entries: [number, number][] = [];
    for (let i = 0; i < this.counts.length; i++) entries.push([this.indices[i]!, this.counts[i]!]);
    return entries;
  }

  /**
   * Rebuilds a sketch from its JSON form. Returns an error message instead of throwing so
   * loaders can report the file and line of a hand-edited snapshot.
   */
  static fromJSON(json: unknown): LatencySketch | string {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'a sketch must be an object';
    const o = json as Record<string, unknown>;
    const sketch = new LatencySketch();
    // Absent means zero; `null` is not a number (it is what JSON writes for Infinity or NaN).
    const count = o.count === undefined ? 0 : o.count;
    const sum = o.sum === undefined ? 0 : o.sum;
    const zero = o.zero === undefined ? 0 : o.zero;
    if (!isCount(count)) return '`count` must be an integer >= 0';
    if (typeof sum !== 'number' || !Number.isFinite(sum) || sum < 0) return '`sum` must be a number >= 0';
    if (!isCount(zero)) return '`zero` must be an integer >= 0';
    const bins = o.bins ?? {};
    if (typeof bins !== 'object' || bins === null || Array.isArray(bins)) {
      return '`bins` must be an object of bin index to count';
    }
    let total = zero;
    for (const [key, n] of Object.entries(bins)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < MIN_BIN || index > MAX_BIN) {
        return `bin index "${key}" is not an integer between ${MIN_BIN} and ${MAX_BIN}`;
      }
      if (!isCount(n) || n === 0) return `bin ${key} must have a count > 0`;
      sketch.addToBin(index, n);
      total += n;
    }
    if (total !== count) return `\`count\` is ${count} but zero + bins add up to ${total}`;
    sketch.count = count;
    sketch.sum = sum;
    sketch.zero = zero;
    if (count > 0) {
      const min = o.min;
      const max = o.max;
      if (typeof min !== 'number' || typeof max !== 'number' || !(min >= 0) || !(max >= min) || !Number.isFinite(max)) {
        return '`min` and `max` must be finite numbers with 0 <= min <= max when count > 0';
      }
      sketch.min = min;
      sketch.max = max;
    }
    return sketch;
  }

  /** Adds to a bin: found by binary search (the last bin first: values often repeat), or inserted in order. */
  private addToBin(index: number, n: number): void {
    const indices = this.indices;
    let high = indices.length;
    if (high > 0 && indices[high - 1] === index) {
      this.counts[high - 1]! += n;
      return;
    }
    let low = 0;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (indices[mid]! < index) low = mid + 1;
      else high = mid;
    }
    if (indices[low] === index) this.counts[low]! += n;
    else {
      indices.splice(low, 0, index);
      this.counts.splice(low, 0, n);
    }
  }
}

/** Bin indices a snapshot may hold: MIN_INDEXABLE up to 10^12 ms (30 years). */
const MIN_BIN = binIndex(MIN_INDEXABLE);
const MAX_BIN = binIndex(1e12);

/** A count that stays exact when added up (integers beyond 2^53 are not). */
function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
