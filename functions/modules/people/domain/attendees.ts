import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { type Attendee, normalizeEmail, withoutMember } from './model.js';
import { newAttendee } from './my-attendee.js';
import { retryOnStale } from './parties.js';

export interface CreateAttendeeInput {
  firstName: string;
  lastName: string;
  email?: string | undefined;
  phone?: string | undefined;
  userId?: string | undefined;
  gender?: string | undefined;
}

export interface UpdateAttendeeInput {
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** null removes the value. */
  email?: string | null | undefined;
  phone?: string | null | undefined;
  gender?: string | null | undefined;
}

export interface AttendeeLookup extends PageRequest {
  email?: string | undefined;
  phone?: string | undefined;
}

const existing = async (
  deps: Pick<Deps, 'attendees'>,
  orgId: string,
  attendeeId: string,
): Promise<Attendee> => {
  const attendee = await deps.attendees.get(orgId, attendeeId);
  if (!attendee) throw notFound('attendee');
  return attendee;
};

export const createAttendee = async (
  deps: Pick<Deps, 'attendees' | 'clock'> & AccessDeps,
  principal: Principal,
  orgId: string,
  input: CreateAttendeeInput,
): Promise<Attendee> => {
  await authorize(deps, orgId, principal, 'attendee.manage');
  const attendee = newAttendee(deps, orgId, input);
  await deps.attendees.create(attendee);
  return attendee;
};

export const getAttendee = async (
  deps: Pick<Deps, 'attendees'> & AccessDeps,
  principal: Principal,
  orgId: string,
  attendeeId: string,
): Promise<Attendee> => {
  await authorize(deps, orgId, principal, 'attendee.read');
  return existing(deps, orgId, attendeeId);
};

/** With `email` or `phone`, the page holds the one attendee with that value, or none. */
export const listAttendees = async (
  deps: Pick<Deps, 'attendees'> & AccessDeps,
  principal: Principal,
  orgId: string,
  { email, phone, ...page }: AttendeeLookup,
): Promise<Page<Attendee>> => {
  await authorize(deps, orgId, principal, 'attendee.read');
  if (email === undefined && phone === undefined) return deps.attendees.list(orgId, page);
  const found = email
    ? await deps.attendees.findBy(orgId, 'email', normalizeEmail(email))
    : await deps.attendees.findBy(orgId, 'phone', phone ?? '');
  return { items: found ? [found] : [], nextCursor: null };
};

export const updateAttendee = async (
  deps: Pick<Deps, 'attendees' | 'clock'> & AccessDeps,
  principal: Principal,
  orgId: string,
  attendeeId: string,
  input: UpdateAttendeeInput,
): Promise<Attendee> => {
  await authorize(deps, orgId, principal, 'attendee.manage');
  const current = await existing(deps, orgId, attendeeId);
  const { email, phone } = input;
  const next: Attendee = {
    ...current,
    firstName: input.firstName ?? current.firstName,
    lastName: input.lastName ?? current.lastName,
    email: email === undefined ? current.email : email === null ? null : normalizeEmail(email),
    phone: phone === undefined ? current.phone : phone,
    gender: input.gender === undefined ? current.gender : input.gender,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.attendees.update(current, next);
  return next;
};

/**
 * Deleting an attendee takes them out of their party in the same transaction; a leader with
 * other members left must hand the party over first.
 */
export const deleteAttendee = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  attendeeId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'attendee.delete');
  await retryOnStale(async () => {
    const attendee = await existing(deps, orgId, attendeeId);
    const party = attendee.partyId ? await deps.parties.get(orgId, attendee.partyId) : undefined;
    if (!party) return deps.attendees.remove(attendee);
    const after = withoutMember(party, attendeeId, undefined, deps.clock.now().toISOString());
    await deps.attendees.remove(attendee, { before: party, after });
  });
};

export { ensureMyAttendee, getMyAttendee } from './my-attendee.js';
