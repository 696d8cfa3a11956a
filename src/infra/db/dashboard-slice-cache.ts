import { sliceWeight, type UsageSlice } from './dashboard-slice.js';

export interface SliceCacheOptions {
  /** Most small objects (users, bins, mix rows) held over all slices; least recently used go first. */
  maxWeight: number;
  /** A kept slice is read again after this long (a blocked result deleted later turns into "done"). */
  maxAgeMs: number;
}

/**
 * Closed buckets' slices per filter combination, least recently used dropped first once the total
 * weight passes maxWeight. Only the repository decides what is closed; this only keeps and bounds.
 */
export function createSliceCache(options: SliceCacheOptions) {
  const entries = new Map<string, { at: number; weight: number; slice: UsageSlice }>();
  let weight = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    weight -= entry.weight;
    entries.delete(key);
  };
  return {
    get(key: string, now: number): UsageSlice | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      drop(key);
      if (now - entry.at >= options.maxAgeMs) return undefined;
      // Re-inserted: a Map iterates oldest first, so the front is the least recently used.
      entries.set(key, entry);
      weight += entry.weight;
      return entry.slice;
    },
    set(key: string, slice: UsageSlice, now: number): void {
      drop(key);
      const w = sliceWeight(slice);
      if (w > options.maxWeight) return;
      entries.set(key, { at: now, weight: w, slice });
      weight += w;
      while (weight > options.maxWeight) drop(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
    get weight() {
      return weight;
    },
  };
}

export type SliceCache = ReturnType<typeof createSliceCache>;
