import { validationFailed } from '../../../kernel/domain/errors.js';

/**
 * A user's profile (seed 002 USER_PROFILE; docs/profiles.md): one per user, keyed by the user
 * (`user#<userId>`), in no organization. Interests are the discovery module's (/v1/me/interests).
 */

/** Who may see a field of a profile: anyone signed in, those who share a booked event, nobody. */
export const audiences = ['everyone', 'shared_events', 'nobody'] as const;
export type Audience = (typeof audiences)[number];

export interface ProfilePrivacy {
  cityVisibleTo: Audience;
  ageVisibleTo: Audience;
  /** False: others are told the profile does not exist. */
  showInApp: boolean;
}

export const defaultPrivacy: ProfilePrivacy = {
  cityVisibleTo: 'everyone',
  ageVisibleTo: 'shared_events',
  showInApp: true,
};

export type PictureStatus = 'pending_upload' | 'available';

export interface ProfilePicture {
  pictureId: string;
  status: PictureStatus;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface Profile {
  userId: string;
  displayName: string;
  bio: string | null;
  city: string | null;
  /** `YYYY-MM-DD`; shown to the user only: everyone else sees at most the age. */
  birthDate: string | null;
  /** The user's phone or email was verified (the token's claims when they last wrote it). */
  verified: boolean;
  privacy: ProfilePrivacy;
  /** In the order added; pending ones count towards the limit. */
  pictures: ProfilePicture[];
  /** Bumped by every change: each write is conditional on the version it was computed from. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The youngest a user may be to have a profile (the usual age of digital consent's floor). */
export const minimumAge = 13;
export const maxPictures = 6;
export const pictureTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export const maxPictureBytes = 10 * 1024 * 1024;

/** Whole years from `birthDate` (YYYY-MM-DD) to the UTC day of `on`; a 29 February birthday counts from 1 March in other years. */
export const ageOn = (birthDate: string, on: Date): number => {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const years = on.getUTCFullYear() - y;
  const month = on.getUTCMonth() + 1;
  const before = month < m || (month === m && on.getUTCDate() < d);
  return before ? years - 1 : years;
};

/** Refuses a birth date in the future or of someone under `minimumAge` (a 422 naming the field). */
export const assertOldEnough = (birthDate: string, on: Date): void => {
  const age = ageOn(birthDate, on);
  if (age < 0) throw validationFailed([{ field: 'birthDate', message: 'is in the future' }]);
  if (age < minimumAge)
    throw validationFailed([{ field: 'birthDate', message: `you must be at least ${minimumAge} years old` }]);
};

/** How the viewer stands to the profile's user. */
export type Viewer = { kind: 'self' } | { kind: 'other'; sharesEvent: boolean };

const shownTo = (audience: Audience, viewer: Viewer): boolean =>
  viewer.kind === 'self' || audience === 'everyone' || (audience === 'shared_events' && viewer.sharesEvent);

/** What another user sees: never the birth date; city and age as the privacy settings say. */
export interface PublicProfile {
  userId: string;
  displayName: string;
  bio: string | null;
  city: string | null;
  age: number | null;
  verified: boolean;
  pictureIds: string[];
}

/** Undefined when the profile is hidden from others (`showInApp` false). */
export const publicViewOf = (profile: Profile, viewer: Viewer, on: Date): PublicProfile | undefined => {
  if (viewer.kind === 'other' && !profile.privacy.showInApp) return undefined;
  const { privacy } = profile;
  return {
    userId: profile.userId,
    displayName: profile.displayName,
    bio: profile.bio,
    city: shownTo(privacy.cityVisibleTo, viewer) ? profile.city : null,
    age: profile.birthDate && shownTo(privacy.ageVisibleTo, viewer) ? ageOn(profile.birthDate, on) : null,
    verified: profile.verified,
    pictureIds: profile.pictures.filter((p) => p.status === 'available').map((p) => p.pictureId),
  };
};

/** Whether the viewer's audience question needs the shared events read at all. */
export const needsSharedEvents = (profile: Profile): boolean =>
  profile.privacy.showInApp &&
  [profile.privacy.cityVisibleTo, profile.privacy.ageVisibleTo].includes('shared_events');

/** The key of a picture in the profiles' part of the bucket (the port adds its prefix). */
export const pictureKeyOf = (userId: string, pictureId: string): string => `${userId}/${pictureId}`;
