import { describe, expect, it } from 'vitest';
import { bookBody } from '../../functions/modules/bookings/contracts/bookings.js';
import { joinWaitlistBody } from '../../functions/modules/bookings/contracts/waitlist.js';
import { assertOneHolder } from '../../functions/modules/bookings/domain/holder-choice.js';

/** A booking or a waitlist entry names exactly one of attendeeId and partyId. */

const attendeeId = 'att_4d5e6f7g8h9j0k1a2b3c';
const partyId = 'pty_7g8h9j0k1a2b3c4d5e6f';
const refusal = { field: 'attendeeId', message: 'give exactly one of attendeeId and partyId' };

describe('holder choice', () => {
  it('accepts an attendee or a party', () => {
    expect(() => assertOneHolder({ attendeeId })).not.toThrow();
    expect(() => assertOneHolder({ partyId })).not.toThrow();
  });

  it('refuses both and neither with VALIDATION_FAILED on attendeeId', () => {
    for (const choice of [{ attendeeId, partyId }, {}]) {
      expect(() => assertOneHolder(choice)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', details: { errors: [refusal] } }),
      );
    }
  });

  // A booking naming neither is the caller's own (their attendee record, made from their profile).
  it.each([
    ['book', bookBody, [{ attendeeId, partyId }]],
    ['join waitlist', joinWaitlistBody, [{ attendeeId, partyId }, {}]],
  ])('%s bodies: refused the same way, on the same field', (_, body, refused) => {
    expect(body.safeParse({ attendeeId }).success).toBe(true);
    expect(body.safeParse({ partyId }).success).toBe(true);
    for (const choice of refused) {
      expect(body.safeParse(choice).error?.issues).toEqual([
        expect.objectContaining({ path: [refusal.field], message: refusal.message }),
      ]);
    }
  });
});
