import type { Profile } from './model.js';

export type { FileBucket as ProfileFiles } from '../../../kernel/domain/files.js';

/** The users' profiles (one item each, keyed by the user). */
export interface ProfileStore {
  get(userId: string): Promise<Profile | undefined>;
  /**
   * Writes `profile` if the stored one is still at `expectedVersion` (null: none stored yet);
   * false when it changed meanwhile (the caller reads again).
   */
  save(profile: Profile, expectedVersion: number | null): Promise<boolean>;
  /** Deletes the profile; a missing one is no error. */
  remove(userId: string): Promise<void>;
}
