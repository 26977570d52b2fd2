import { describe, expect, it } from 'vitest';
import { assertRegistrationOpen } from '../../functions/modules/bookings/domain/booking-checks.js';
import { offerable } from '../../functions/modules/bookings/domain/waitlist-offers.js';
import { defaultEventSettings, type Event } from '../../functions/modules/catalog/domain/model.js';
import { registrationClosed, type Session } from '../../functions/modules/catalog/domain/session.js';
import { checkRegistrationDeadline } from '../../functions/modules/catalog/domain/sessions-schedule.js';
import type { AgendaEntry, Speaker } from '../../functions/modules/conference/domain/model.js';
import { firstClash, overlappingEntry } from '../../functions/modules/conference/domain/speaker-overlap.js';

/**
 * A session's registration deadline (who may still book, and what the offer engine does after it)
 * and the rule that a speaker is in one place at a time, as a moved session is checked by it.
 */

const session = (
  sessionId: string,
  startsAt: string,
  endsAt: string,
  over: Partial<Session> = {},
): Session => ({
  orgId: 'org-1',
  sessionId,
  eventId: 'evt-1',
  venueId: 'ven-1',
  roomId: 'room-1',
  seriesId: null,
  startsAt,
  endsAt,
  timezone: 'Europe/Berlin',
  capacity: 10,
  overbooked: 0,
  seating: { mode: 'general' },
  registrationDeadline: null,
  status: 'scheduled',
  cancellation: null,
  deleting: false,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  ...over,
});

const event = { status: 'published', deleting: false, settings: defaultEventSettings } as Event;

describe('registration deadline', () => {
  const s = session('s1', '2027-06-01T10:00:00.000Z', '2027-06-01T11:00:00.000Z', {
    registrationDeadline: '2027-05-31T12:00:00.000Z',
  });

  it('closes registration at the deadline itself, and never without one', () => {
    expect(registrationClosed(s, new Date('2027-05-31T11:59:59.999Z'))).toBe(false);
    expect(registrationClosed(s, new Date('2027-05-31T12:00:00.000Z'))).toBe(true);
    expect(registrationClosed({ registrationDeadline: null }, new Date('2027-06-01T09:59:00.000Z'))).toBe(
      false,
    );
  });

  it('refuses a booking after it as NOT_BOOKABLE naming the deadline', () => {
    expect(() => assertRegistrationOpen(s, new Date('2027-05-31T11:00:00.000Z'))).not.toThrow();
    expect(() => assertRegistrationOpen(s, new Date('2027-05-31T13:00:00.000Z'))).toThrow(
      expect.objectContaining({
        code: 'NOT_BOOKABLE',
        details: { registrationDeadline: '2027-05-31T12:00:00.000Z' },
      }),
    );
  });

  it('makes no offer after it, though the event would still offer', () => {
    expect(offerable(s, event, new Date('2027-05-31T11:00:00.000Z'))).toBe(true);
    expect(offerable(s, event, new Date('2027-05-31T12:30:00.000Z'))).toBe(false);
  });

  it('must come before the start, naming the field that moved', () => {
    const start = Date.parse('2027-06-01T10:00:00.000Z');
    expect(() => checkRegistrationDeadline(null, start, 'registrationDeadline')).not.toThrow();
    expect(() =>
      checkRegistrationDeadline('2027-06-01T09:59:00.000Z', start, 'registrationDeadline'),
    ).not.toThrow();
    for (const field of ['registrationDeadline', 'startsAt'])
      expect(() => checkRegistrationDeadline('2027-06-01T10:00:00.000Z', start, field)).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: { errors: [expect.objectContaining({ field })] },
        }),
      );
  });
});

describe('a speaker in one place at a time', () => {
  const entry = (sessionId: string, speakerIds: string[]): AgendaEntry => ({
    orgId: 'org-1',
    eventId: 'evt-1',
    sessionId,
    title: sessionId,
    description: null,
    type: 'talk',
    level: null,
    speakerIds,
    tags: [],
    registrationRequired: false,
    recordingUrl: null,
    chatEnabled: true,
    status: 'scheduled',
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
  });
  const speaker = (speakerId: string, status: Speaker['status'] = 'confirmed') =>
    ({ speakerId, status }) as Speaker;
  const sessions = new Map([
    ['s1', session('s1', '2027-06-01T10:00:00.000Z', '2027-06-01T11:00:00.000Z')],
    ['s2', session('s2', '2027-06-01T12:00:00.000Z', '2027-06-01T13:00:00.000Z')],
    [
      's3',
      session('s3', '2027-06-01T14:00:00.000Z', '2027-06-01T15:00:00.000Z', {
        status: 'cancelled',
      }),
    ],
  ]);
  const entries = [entry('s1', ['ada']), entry('s2', ['ada', 'bob']), entry('s3', ['bob'])];
  const moved = (startsAt: string, endsAt: string) => ({ sessionId: 's2', startsAt, endsAt });

  it('finds the other session a move would overlap, touching ends being no overlap', () => {
    expect(
      overlappingEntry(
        'ada',
        moved('2027-06-01T10:30:00.000Z', '2027-06-01T11:30:00.000Z'),
        entries,
        sessions,
      )?.sessionId,
    ).toBe('s1');
    expect(
      overlappingEntry(
        'ada',
        moved('2027-06-01T11:00:00.000Z', '2027-06-01T12:00:00.000Z'),
        entries,
        sessions,
      ),
    ).toBeUndefined();
  });

  it('names the first clashing speaker of the moved session', () => {
    const speakers = [speaker('ada'), speaker('bob')];
    expect(
      firstClash(
        entries[1]!,
        moved('2027-06-01T10:30:00.000Z', '2027-06-01T11:30:00.000Z'),
        speakers,
        entries,
        sessions,
      ),
    ).toEqual({
      speakerId: 'ada',
      sessionId: 's1',
    });
  });

  it('ignores cancelled sessions and cancelled speakers', () => {
    // Bob's other session s3 is cancelled: moving onto it clashes with nobody.
    const speakers = [speaker('ada'), speaker('bob')];
    expect(
      firstClash(
        entries[1]!,
        moved('2027-06-01T14:00:00.000Z', '2027-06-01T15:00:00.000Z'),
        speakers,
        entries,
        sessions,
      ),
    ).toBeUndefined();
    // Ada no longer speaks: her s1 does not hold s2 back.
    expect(
      firstClash(
        entries[1]!,
        moved('2027-06-01T10:30:00.000Z', '2027-06-01T11:30:00.000Z'),
        [speaker('ada', 'cancelled'), speaker('bob')],
        entries,
        sessions,
      ),
    ).toBeUndefined();
  });
});
