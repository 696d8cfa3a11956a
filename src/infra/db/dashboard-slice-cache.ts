import { LRUCache } from 'lru-cache';
import { sliceWeight, type UsageSlice } from './dashboard-slice.js';

export interface SliceCacheOptions {
  /** Most small objects (users, bins, mix rows) held over all slices; least recently used go first. */
  maxWeight: number;
  /** A kept slice is read again after this long (a blocked result deleted later turns into "done"). */
  maxAgeMs: number;
}

/**
 * Closed buckets' slices per filter combination, least recently used dropped first once the total
 * weight passes maxWeight (a slice heavier than that is not kept). Only the repository decides what is
 * closed; this only keeps and bounds.
 */
export function createSliceCache(options: SliceCacheOptions, now: () => number) {
  return new LRUCache<string, UsageSlice>({
    maxSize: options.maxWeight,
    sizeCalculation: sliceWeight,
    ttl: options.maxAgeMs,
    // Read the repository's clock on every lookup (tests move it between two reports).
    ttlResolution: 0,
    perf: { now },
  });
}

export type SliceCache = ReturnType<typeof createSliceCache>;
