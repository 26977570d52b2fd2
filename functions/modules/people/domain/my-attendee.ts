import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { CreateAttendeeInput } from './attendees.js';
import { type Attendee, namesOf, normalizeEmail } from './model.js';

/**
 * The caller's own attendee record in an organization (`/v1/orgs/{orgId}/me`), its link to a record
 * staff made, and the record a first booking or join request makes from the caller's profile. Apart
 * from attendees.ts, so that the bundles booking through it carry none of the party code.
 */

export const newAttendee = (
  deps: Pick<Deps, 'clock'>,
  orgId: string,
  input: CreateAttendeeInput,
): Attendee => {
  const now = deps.clock.now().toISOString();
  return {
    orgId,
    attendeeId: newId('att'),
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email ? normalizeEmail(input.email) : null,
    phone: input.phone ?? null,
    userId: input.userId ?? null,
    gender: input.gender ?? null,
    partyId: null,
    tags: [],
    createdAt: now,
    updatedAt: now,
  };
};

/**
 * `/me` is open to every signed-in user of a live organization, member or not: it only ever
 * reaches the attendee linked to the caller's own subject.
 */
const liveOrganization = async (deps: Pick<Deps, 'orgs'>, orgId: string): Promise<void> => {
  const org = await deps.orgs.get(orgId);
  if (!org) throw notFound('organization');
  if (org.status === 'deleting') {
    throw new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
  }
};

export const getMyAttendee = async (
  deps: Pick<Deps, 'attendees' | 'orgs'>,
  principal: Principal,
  orgId: string,
): Promise<Attendee> => {
  await liveOrganization(deps, orgId);
  const mine = await deps.attendees.findBy(orgId, 'userId', principal.sub);
  if (!mine) throw notFound('attendee');
  return mine;
};

export interface MyAttendeeInput {
  firstName: string;
  lastName: string;
  phone?: string | undefined;
  gender?: string | undefined;
}

/**
 * A record staff created with the caller's verified email or phone, linked to nobody yet: the
 * caller's to take. The principal carries an email or phone only when the token says it was
 * verified, so an unverified claim never reaches a record here.
 */
const unlinkedMatch = async (
  deps: Pick<Deps, 'attendees'>,
  principal: Principal,
  orgId: string,
): Promise<Attendee | undefined> => {
  const byEmail = principal.email
    ? await deps.attendees.findBy(orgId, 'email', normalizeEmail(principal.email))
    : undefined;
  const found =
    byEmail ?? (principal.phone ? await deps.attendees.findBy(orgId, 'phone', principal.phone) : undefined);
  return found && found.userId === null ? found : undefined;
};

const refusedAsTaken = (field: unknown) =>
  // Unlike staff, the caller may not learn which attendee holds their email or phone.
  new DomainError(
    'ATTENDEE_EXISTS',
    `another attendee of this organization already has your ${String(field)}`,
    {
      field,
      errors: [{ field: String(field), message: 'already used by another attendee' }],
    },
  );

/**
 * Idempotent: the caller's existing record is returned unchanged, also after a concurrent call.
 * A record staff made with the caller's verified email or phone is linked to them rather than
 * refused (docs/profiles.md, "Attendee linking"); one linked to another user stays refused.
 */
export const ensureMyAttendee = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'orgs'>,
  principal: Principal,
  orgId: string,
  input: MyAttendeeInput,
): Promise<Attendee> => {
  await liveOrganization(deps, orgId);
  // Twice at most: a concurrent call may take the record or the value between the read and the write.
  for (let attempt = 0; ; attempt++) {
    const mine = await deps.attendees.findBy(orgId, 'userId', principal.sub);
    if (mine) return mine;
    const match = await unlinkedMatch(deps, principal, orgId);
    try {
      if (match) {
        const linked = { ...match, userId: principal.sub, updatedAt: deps.clock.now().toISOString() };
        await deps.attendees.update(match, linked);
        return linked;
      }
      const phone = principal.phone ?? input.phone;
      const attendee = newAttendee(deps, orgId, {
        ...input,
        phone,
        email: principal.email,
        userId: principal.sub,
      });
      await deps.attendees.create(attendee);
      return attendee;
    } catch (err) {
      const raced = err instanceof DomainError && (err.code === 'ATTENDEE_EXISTS' || err.code === 'CONFLICT');
      if (!raced) throw err;
      if (attempt === 0) continue;
      // A concurrent call of the same user won: theirs is the record (whichever value clashed first).
      const winner = await deps.attendees.findBy(orgId, 'userId', principal.sub);
      if (winner) return winner;
      throw err.code === 'ATTENDEE_EXISTS' ? refusedAsTaken(err.details.field) : err;
    }
  }
};

/**
 * The caller's attendee record in the organization, created from their profile (its display
 * name split in first and last name) on their first booking or join request; undefined when
 * they have neither a record nor a profile (the caller then answers as before).
 */
export const attendeeFromProfile = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'orgs' | 'profiles'>,
  principal: Principal,
  orgId: string,
): Promise<Attendee | undefined> => {
  const mine = await deps.attendees.findBy(orgId, 'userId', principal.sub);
  if (mine) return mine;
  const profile = await deps.profiles.get(principal.sub);
  if (!profile) return undefined;
  return ensureMyAttendee(deps, principal, orgId, namesOf(profile.displayName));
};
