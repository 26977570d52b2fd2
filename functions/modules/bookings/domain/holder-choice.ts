import { type FieldIssue, validationFailed } from '../../../kernel/domain/errors.js';

/** Who a booking or a waitlist entry is for, as the caller names it. */
export interface HolderChoice {
  attendeeId?: string | undefined;
  partyId?: string | undefined;
}

/** The refusal of a choice that names both or neither; contracts answer it on the same field. */
export const oneHolderIssue: FieldIssue = {
  field: 'attendeeId',
  message: 'give exactly one of attendeeId and partyId',
};

/** A booking or an entry is held by one attendee or one party, never both or neither. */
export const namesOneHolder = (choice: HolderChoice): boolean =>
  (choice.attendeeId === undefined) !== (choice.partyId === undefined);

/** Throws VALIDATION_FAILED (on attendeeId) unless the choice names exactly one holder. */
export const assertOneHolder = (choice: HolderChoice): void => {
  if (!namesOneHolder(choice)) throw validationFailed([oneHolderIssue]);
};
