import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import {
  assertOldEnough,
  defaultPrivacy,
  needsSharedEvents,
  type Profile,
  type ProfilePrivacy,
  type PublicProfile,
  pictureKeyOf,
  publicViewOf,
} from './model.js';

/** The caller's own profile, and other users' as their privacy settings allow (docs/profiles.md). */

export interface ProfileInput {
  displayName: string;
  bio?: string | null | undefined;
  city?: string | null | undefined;
  birthDate?: string | null | undefined;
  privacy?: Partial<ProfilePrivacy> | undefined;
}

/** A token's verified email or phone (the principal carries each only when verified). */
export const isVerified = (principal: Principal): boolean =>
  principal.email !== undefined || principal.phone !== undefined;

/** How often a write reads again when a concurrent one changed the profile under it. */
const attempts = 3;

const stale = () =>
  new DomainError('CONFLICT', 'your profile was changed by another request meanwhile; try again');

/**
 * Reads, changes and writes the caller's profile conditional on its version, again on a race.
 * `change` gets the current profile (undefined when none) and returns the next one.
 */
export const changeProfile = async (
  deps: Pick<Deps, 'profiles' | 'clock'>,
  userId: string,
  change: (current: Profile | undefined, at: string) => Profile,
): Promise<Profile> => {
  for (let i = 0; i < attempts; i++) {
    const current = await deps.profiles.get(userId);
    const at = deps.clock.now().toISOString();
    const next = { ...change(current, at), version: (current?.version ?? 0) + 1, updatedAt: at };
    if (await deps.profiles.save(next, current?.version ?? null)) return next;
  }
  throw stale();
};

export const getMyProfile = async (deps: Pick<Deps, 'profiles'>, principal: Principal): Promise<Profile> => {
  const profile = await deps.profiles.get(principal.sub);
  if (!profile) throw notFound('profile');
  return profile;
};

/** Creates or replaces the caller's profile; fields left out keep their value (pictures always). */
export const putMyProfile = async (
  deps: Pick<Deps, 'profiles' | 'clock'>,
  principal: Principal,
  input: ProfileInput,
): Promise<Profile> => {
  if (input.birthDate) assertOldEnough(input.birthDate, deps.clock.now());
  return changeProfile(deps, principal.sub, (current, at) => ({
    userId: principal.sub,
    displayName: input.displayName,
    bio: input.bio === undefined ? (current?.bio ?? null) : input.bio,
    city: input.city === undefined ? (current?.city ?? null) : input.city,
    birthDate: input.birthDate === undefined ? (current?.birthDate ?? null) : input.birthDate,
    // Once verified, a profile stays so: a later token without the claim proves nothing against it.
    verified: (current?.verified ?? false) || isVerified(principal),
    privacy: { ...(current?.privacy ?? defaultPrivacy), ...input.privacy },
    pictures: current?.pictures ?? [],
    version: current?.version ?? 0,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
  }));
};

/** Bookings read per user to find an event both hold a live booking of (the newest first). */
const bookingsRead = 100;

const liveEventsOf = async (deps: Pick<Deps, 'bookings'>, userId: string): Promise<Set<string>> => {
  const { items } = await deps.bookings.listByUser(userId, { limit: bookingsRead });
  return new Set(items.filter((b) => b.status === 'confirmed' || b.status === 'held').map((b) => b.eventId));
};

const sharesAnEvent = async (deps: Pick<Deps, 'bookings'>, a: string, b: string): Promise<boolean> => {
  const [mine, theirs] = await Promise.all([liveEventsOf(deps, a), liveEventsOf(deps, b)]);
  return [...mine].some((eventId) => theirs.has(eventId));
};

/** How long a picture's download URL lasts. */
const pictureUrlSeconds = 15 * 60;

export interface ProfileView extends PublicProfile {
  pictures: { pictureId: string; url: string; expiresAt: string }[];
}

/**
 * Another user's profile as its privacy settings let the caller see it. A hidden or missing
 * profile answers the same NOT_FOUND.
 */
export const viewProfile = async (
  deps: Pick<Deps, 'profiles' | 'profileFiles' | 'bookings' | 'clock'>,
  principal: Principal,
  userId: string,
): Promise<ProfileView> => {
  const profile = await deps.profiles.get(userId);
  if (!profile) throw notFound('profile');
  const self = principal.sub === userId;
  const sharesEvent =
    !self && needsSharedEvents(profile) && (await sharesAnEvent(deps, principal.sub, userId));
  const view = publicViewOf(
    profile,
    self ? { kind: 'self' } : { kind: 'other', sharesEvent },
    deps.clock.now(),
  );
  if (!view) throw notFound('profile');
  const pictures = await Promise.all(
    view.pictureIds.map(async (pictureId) => {
      const { url, expiresAt } = await deps.profileFiles.downloadUrl(
        pictureKeyOf(userId, pictureId),
        pictureId,
        pictureUrlSeconds,
      );
      return { pictureId, url, expiresAt };
    }),
  );
  return { ...view, pictures };
};
