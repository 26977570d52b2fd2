import { DomainError } from '../../../kernel/domain/errors.js';
import type { GuestRules } from '../../catalog/index.js';

/** Who a booking or a join request is for, as the guest rules see it. */
export interface Guest {
  /** Places asked for. */
  places: number;
  /** A party books (or asks) together, whatever its size. */
  party: boolean;
  /** The attendee's self-declared gender, if any (for a party: its leader's). */
  gender: string | null;
}

const refused = (rule: 'plusOnes' | 'allowedGenders', message: string, details: Record<string, unknown>) =>
  new DomainError('GUEST_RULE', message, { rule, ...details });

/**
 * The event's guest rules, checked when a request is made and when a booking is: plus-ones off
 * admits one place and no party; a list of genders admits only attendees who declared one of them.
 */
export const assertGuestRules = (rules: GuestRules, guest: Guest): void => {
  if (!rules.plusOnes && (guest.places > 1 || guest.party)) {
    throw refused('plusOnes', 'this event admits no plus-ones: one place per booking, no parties', {
      places: guest.places,
    });
  }
  const allowed = rules.allowedGenders;
  if (allowed && (guest.gender === null || !allowed.includes(guest.gender))) {
    throw refused(
      'allowedGenders',
      guest.gender === null
        ? 'this event admits only some genders: declare yours on your attendee record'
        : 'this event does not admit your declared gender',
      { allowedGenders: allowed },
    );
  }
};
