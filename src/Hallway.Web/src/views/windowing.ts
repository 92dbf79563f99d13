// Windowing for long lists whose rows differ in height: which rows to render for a scroll
// position, and how much empty space stands in for the rows above and below them. Heights are
// measured after render and cached by key; rows never rendered count at an estimate (the mean of
// the measured ones), so the numbers grow more exact as the reader scrolls.

export interface Window {
  /** First rendered index (inclusive) and last (exclusive). */
  start: number;
  end: number;
  /** Space standing in for the rows before start and after end, in pixels. */
  before: number;
  after: number;
  /** Top of every row, and the total height, in the list's own coordinates. */
  offsets: Float64Array;
  total: number;
}

/** Heights of rows by key; unmeasured rows count at the running mean. */
export class HeightCache {
  private readonly heights = new Map<string, number>();
  private sum = 0;

  constructor(private readonly fallback: number) {}

  get estimate(): number {
    return this.heights.size === 0 ? this.fallback : this.sum / this.heights.size;
  }

  get(key: string): number {
    return this.heights.get(key) ?? this.estimate;
  }

  /**
   * Records a measurement; returns whether it changed what the cache knew. A row measures 0 while
   * its list is hidden (the phone layout hides the conversation behind chat info): that is no
   * height, and caching it would make the row take no space, so it would never be rendered again.
   */
  set(key: string, height: number): boolean {
    if (!(height > 0)) return false;
    const old = this.heights.get(key);
    if (old !== undefined && Math.abs(old - height) < 0.5) return false;
    this.sum += height - (old ?? 0);
    this.heights.set(key, height);
    return true;
  }
}

/** Top offsets of every row (prefix sums of their heights) and the total height. */
export function layout(keys: readonly string[], heights: HeightCache): { offsets: Float64Array; total: number } {
  const offsets = new Float64Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) offsets[i + 1] = offsets[i]! + heights.get(keys[i]!);
  return { offsets, total: offsets[keys.length]! };
}

/** First index whose row ends below y (binary search over the offsets). */
export function indexAt(offsets: Float64Array, count: number, y: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows that meet [top - overscan, top + height + overscan], and the space around them. */
export function windowFor(keys: readonly string[], heights: HeightCache, top: number, height: number, overscan: number): Window {
  const { offsets, total } = layout(keys, heights);
  const count = keys.length;
  const start = Math.min(indexAt(offsets, count, Math.max(0, top - overscan)), count);
  const end = Math.max(start, Math.min(count, indexAt(offsets, count, top + height + overscan) + 1));
  return { start, end, before: offsets[start]!, after: total - offsets[end]!, offsets, total };
}
