import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { hashSecret, newId, newSecret, sameHash } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { EventInvite, EventPass } from './model.js';
import type { RedeemRefusal } from './ports.js';

/**
 * Event invites: organizers invite one person (by attendee, email or phone) or make a shareable
 * link (an expiry, a use limit); the invited person takes the invite and gets a pass for the event.
 */

export type EventInviteView = Omit<EventInvite, 'tokenHash'>;

export const inviteView = ({ tokenHash: _hidden, ...invite }: EventInvite): EventInviteView => invite;

export interface CreateEventInviteInput {
  kind: 'direct' | 'link';
  attendeeId?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  expiresAt?: string | undefined;
  maxUses?: number | undefined;
  skipApproval: boolean;
  unlocksCategoryIds: string[];
}

/** A link's token names its invite, so redeeming it is one key read, not a lookup by secret. */
const tokenOf = (inviteId: string, secret: string): string => `${inviteId}.${secret}`;

const parseToken = (token: string): { inviteId: string; secret: string } | undefined => {
  const [inviteId, secret, ...rest] = token.split('.');
  if (!inviteId || !secret || rest.length > 0 || !/^evi_[0-9a-z]{20}$/.test(inviteId)) return undefined;
  return { inviteId, secret };
};

/** The event, for its organizers: missing or being deleted answers as the catalog does. */
const eventFor = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string) => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  return event;
};

/** The organization's attendee holding an invite's email or phone, if any (unique values). */
const attendeeHolding = async (
  deps: Pick<Deps, 'attendees'>,
  orgId: string,
  email: string | null,
  phone: string | null,
): Promise<string | null> => {
  const found = email
    ? await deps.attendees.findBy(orgId, 'email', email)
    : phone
      ? await deps.attendees.findBy(orgId, 'phone', phone)
      : undefined;
  return found?.attendeeId ?? null;
};

export const createEventInvite = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'eventInvites' | 'events'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: CreateEventInviteInput,
): Promise<EventInviteView & { token: string | null }> => {
  await authorize(deps, orgId, principal, 'event.manage');
  await eventFor(deps, orgId, eventId);
  const now = deps.clock.now();
  if (input.expiresAt && Date.parse(input.expiresAt) <= now.getTime()) {
    throw validationFailed([{ field: 'expiresAt', message: 'must be in the future' }]);
  }
  const link = input.kind === 'link';
  const email = input.email?.toLowerCase() ?? null;
  const secret = link ? newSecret() : null;
  const at = now.toISOString();
  const invite: EventInvite = {
    orgId,
    eventId,
    inviteId: newId('evi'),
    kind: input.kind,
    attendeeId: input.attendeeId ?? (await attendeeHolding(deps, orgId, email, input.phone ?? null)),
    email,
    phone: input.phone ?? null,
    tokenHash: secret ? hashSecret(secret) : null,
    expiresAt: input.expiresAt ?? null,
    maxUses: input.maxUses ?? null,
    uses: 0,
    skipApproval: input.skipApproval,
    unlocksCategoryIds: input.unlocksCategoryIds,
    status: 'active',
    createdBy: principal.sub,
    createdAt: at,
    updatedAt: at,
  };
  await deps.eventInvites.create(invite);
  return { ...inviteView(invite), token: secret ? tokenOf(invite.inviteId, secret) : null };
};

export const listEventInvites = async (
  deps: Pick<Deps, 'eventInvites' | 'events'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<EventInviteView>> => {
  await authorize(deps, orgId, principal, 'event.manage');
  await eventFor(deps, orgId, eventId);
  const listed = await deps.eventInvites.list(orgId, eventId, page);
  return { ...listed, items: listed.items.map(inviteView) };
};

/** Revoking twice is harmless; passes the invite gave stay (revoke them by removing the attendee). */
export const revokeEventInvite = async (
  deps: Pick<Deps, 'clock' | 'eventInvites'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  inviteId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const invite = await deps.eventInvites.get(orgId, eventId, inviteId);
  if (!invite) throw notFound('invite');
  if (invite.status === 'revoked') return;
  await deps.eventInvites.revoke(invite, deps.clock.now().toISOString());
};

const refusals: Record<RedeemRefusal, () => DomainError> = {
  revoked: () => new DomainError('INVITE_REVOKED', 'the invite was revoked'),
  expired: () => new DomainError('INVITE_EXPIRED', 'the invite link has expired'),
  'used-up': () => new DomainError('INVITE_USED_UP', 'every use of the invite link is taken'),
};

/** The caller's attendee in the organization: a pass is given to an attendee linked to a user. */
const myAttendee = async (deps: Pick<Deps, 'attendees' | 'orgs'>, principal: Principal, orgId: string) => {
  const org = await deps.orgs.get(orgId);
  if (!org) throw notFound('organization');
  if (org.status === 'deleting')
    throw new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
  const mine = await deps.attendees.findBy(orgId, 'userId', principal.sub);
  // Without one, the answer of a missing organization (POST /v1/orgs/{orgId}/me makes the attendee).
  if (!mine) throw notFound('organization');
  return mine;
};

const passThrough = (
  invite: EventInvite,
  attendee: { attendeeId: string; userId: string | null },
  at: string,
): EventPass => ({
  orgId: invite.orgId,
  eventId: invite.eventId,
  attendeeId: attendee.attendeeId,
  userId: attendee.userId,
  source: 'invite',
  inviteId: invite.inviteId,
  skipApproval: invite.skipApproval,
  unlocksCategoryIds: invite.unlocksCategoryIds,
  createdAt: at,
});

const give = async (deps: Pick<Deps, 'eventInvites'>, invite: EventInvite, pass: EventPass, at: string) => {
  const outcome = await deps.eventInvites.givePass(invite, pass, at);
  if ('refused' in outcome) throw refusals[outcome.refused]();
  return outcome.pass;
};

/**
 * A signed-in user redeems a link for their attendee: one use counted atomically (never past
 * `maxUses`), the pass written with it. Redeeming again answers the same pass and counts nothing.
 */
export const redeemEventInvite = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'eventInvites' | 'orgs'>,
  principal: Principal,
  orgId: string,
  eventId: string,
  token: string,
): Promise<EventPass> => {
  const parsed = parseToken(token);
  const attendee = await myAttendee(deps, principal, orgId);
  const invite = parsed ? await deps.eventInvites.get(orgId, eventId, parsed.inviteId) : undefined;
  if (
    !parsed ||
    invite?.kind !== 'link' ||
    !invite.tokenHash ||
    !sameHash(invite.tokenHash, hashSecret(parsed.secret))
  ) {
    throw notFound('invite');
  }
  const at = deps.clock.now().toISOString();
  return give(deps, invite, passThrough(invite, attendee, at), at);
};

/** Whether a direct invite is addressed to this attendee (or to the caller's verified email). */
const addressedTo = (
  invite: EventInvite,
  attendee: { attendeeId: string; email: string | null; phone: string | null },
  principal: Principal,
): boolean =>
  (invite.attendeeId !== null && invite.attendeeId === attendee.attendeeId) ||
  (invite.email !== null &&
    (invite.email === principal.email?.toLowerCase() || invite.email === attendee.email)) ||
  (invite.phone !== null && invite.phone === attendee.phone);

/**
 * A signed-in user accepts a direct invite addressed to their attendee, their verified email or
 * their attendee's phone: the pass is written once; accepting again answers it. An invite for
 * someone else answers NOT_FOUND, as one that does not exist.
 */
export const acceptEventInvite = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'eventInvites' | 'orgs'>,
  principal: Principal,
  orgId: string,
  eventId: string,
  inviteId: string,
): Promise<EventPass> => {
  const attendee = await myAttendee(deps, principal, orgId);
  const invite = await deps.eventInvites.get(orgId, eventId, inviteId);
  if (invite?.kind !== 'direct' || !addressedTo(invite, attendee, principal)) throw notFound('invite');
  const at = deps.clock.now().toISOString();
  return give(deps, invite, passThrough(invite, attendee, at), at);
};

/** The caller's pass for an event (404 when they hold none). */
export const getMyEventPass = async (
  deps: Pick<Deps, 'attendees' | 'eventPasses' | 'orgs'>,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<EventPass> => {
  const attendee = await myAttendee(deps, principal, orgId);
  const pass = await deps.eventPasses.get(orgId, eventId, attendee.attendeeId);
  if (!pass) throw notFound('pass');
  return pass;
};
