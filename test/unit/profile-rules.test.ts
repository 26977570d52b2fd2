import { describe, expect, it } from 'vitest';
import { namesOf } from '../../functions/modules/people/domain/model.js';
import {
  ageOn,
  assertOldEnough,
  defaultPrivacy,
  type Profile,
  publicViewOf,
} from '../../functions/modules/profiles/domain/model.js';

/** The profile's pure rules: age, the minimum age, what another user sees, a display name split. */

const on = new Date('2026-12-05T10:00:00Z');

const profile = (over: Partial<Profile> = {}): Profile => ({
  userId: 'u1',
  displayName: 'Ada Lovelace',
  bio: null,
  city: 'Lisbon',
  birthDate: '2000-12-06',
  verified: true,
  privacy: defaultPrivacy,
  pictures: [
    { pictureId: 'pic_a', status: 'available', contentType: 'image/png', sizeBytes: 1, createdAt: 'x' },
    { pictureId: 'pic_b', status: 'pending_upload', contentType: 'image/png', sizeBytes: 1, createdAt: 'x' },
  ],
  version: 1,
  createdAt: 'x',
  updatedAt: 'x',
  ...over,
});

describe('profile rules', () => {
  it('counts whole years to the UTC day, birthdays included', () => {
    expect(ageOn('2000-12-06', on)).toBe(25);
    expect(ageOn('2000-12-05', on)).toBe(26);
    expect(ageOn('2008-02-29', new Date('2026-02-28T23:59:59Z'))).toBe(17);
    expect(ageOn('2008-02-29', new Date('2026-03-01T00:00:00Z'))).toBe(18);
  });

  it('refuses a birth date under the minimum age or in the future, naming the field', () => {
    expect(() => assertOldEnough('2013-12-05', on)).not.toThrow();
    for (const d of ['2013-12-06', '2030-01-01'])
      expect(() => assertOldEnough(d, on)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('shows others the age only, and city and age only to the chosen audience', () => {
    const everyone = { cityVisibleTo: 'everyone', ageVisibleTo: 'everyone', showInApp: true } as const;
    const p = profile({ privacy: everyone });
    const stranger = { kind: 'other', sharesEvent: false } as const;
    expect(publicViewOf(p, stranger, on)).toEqual({
      userId: 'u1',
      displayName: 'Ada Lovelace',
      bio: null,
      city: 'Lisbon',
      age: 25,
      verified: true,
      pictureIds: ['pic_a'],
    });
    expect(JSON.stringify(publicViewOf(p, stranger, on))).not.toContain('2000');
    const shared = profile({
      privacy: { ...everyone, cityVisibleTo: 'nobody', ageVisibleTo: 'shared_events' },
    });
    expect(publicViewOf(shared, stranger, on)).toMatchObject({ city: null, age: null });
    expect(publicViewOf(shared, { kind: 'other', sharesEvent: true }, on)).toMatchObject({
      city: null,
      age: 25,
    });
    expect(publicViewOf(shared, { kind: 'self' }, on)).toMatchObject({ city: 'Lisbon', age: 25 });
    expect(
      publicViewOf(profile({ privacy: { ...everyone, showInApp: false } }), stranger, on),
    ).toBeUndefined();
  });

  it("splits a display name into an attendee's first and last name", () => {
    expect(namesOf('Ada King Lovelace')).toEqual({ firstName: 'Ada King', lastName: 'Lovelace' });
    expect(namesOf('  Cher ')).toEqual({ firstName: 'Cher', lastName: '-' });
  });
});
