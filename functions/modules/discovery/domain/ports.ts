import type { DiscoveryEntry, Interest, UserInterests } from './model.js';

/** The tenant's catalog of interests: its configuration (tenant config `interests`). */
export interface InterestCatalog {
  list(): readonly Interest[];
  /** The ids of `ids` that are not interests of the catalog. */
  unknown(ids: readonly string[]): string[];
}

export interface UserInterestStore {
  get(userId: string): Promise<UserInterests | undefined>;
  put(interests: UserInterests): Promise<void>;
  /** An account's erasure: the user's picks go with it (no-op when there are none). */
  remove(userId: string): Promise<void>;
}

/** The geohash index of published public events (entries written by the catalog's event store). */
export interface DiscoveryIndex {
  /**
   * Every entry in the cell `cell` (a geohash of at least the index precision, 4): one Query of
   * the cell's index partition, by sort-key prefix when `cell` is finer.
   */
  inCell(cell: string): Promise<DiscoveryEntry[]>;
  /** Writes entries directly (tests and repairs); the catalog writes them in its transactions. */
  putMany(entries: readonly DiscoveryEntry[]): Promise<void>;
}
