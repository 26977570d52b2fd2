import { DomainError } from '../../../kernel/domain/errors.js';

/** A person known to an organization, optionally linked to a signed-in user. */
export interface Attendee {
  orgId: string;
  attendeeId: string;
  firstName: string;
  lastName: string;
  /** Lowercased, so that emails compare case-insensitively. */
  email: string | null;
  /** E.164, e.g. +4915112345678. */
  phone: string | null;
  /** The JWT `sub` of the user this attendee is, if linked. */
  userId: string | null;
  /** Self-declared (a lowercase word); events with an `allowedGenders` guest rule read it. */
  gender: string | null;
  partyId: string | null;
  /** Set by automations' actions (docs/automations.md), sorted; empty when none. */
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** The attendee fields that must be unique within an organization. */
export type UniqueField = 'email' | 'phone' | 'userId';
export const uniqueFields: readonly UniqueField[] = ['email', 'phone', 'userId'];

/** The names an attendee keeps once their user's account is erased (docs/profiles.md). */
export const anonymous = 'Deleted';

/** The first and last name a record takes from a profile's display name (the last word is the last name). */
export const namesOf = (displayName: string): { firstName: string; lastName: string } => {
  const words = displayName.trim().split(/\s+/);
  if (words.length < 2) return { firstName: words[0] ?? displayName, lastName: '-' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) ?? '-' };
};

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A group that books, waits and sits together. A party with members has exactly one leader, who
 * is one of them; only an empty party has none.
 */
export interface Party {
  orgId: string;
  partyId: string;
  name: string;
  leaderId: string | null;
  memberIds: string[];
  /** Bumped by every change: each change is conditional on the version it was computed from. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Every party change rewrites the party and each attendee that joins or leaves in one transaction
 * (at most 100 items); 20 keeps a party delete, the largest, far inside that.
 */
export const maxPartySize = 20;

const partyFull = (party: Party) =>
  new DomainError('PARTY_FULL', `party ${party.partyId} already has ${maxPartySize} members`, {
    partyId: party.partyId,
  });

export const notInParty = (party: Party, attendeeId: string) =>
  new DomainError('NOT_IN_PARTY', `attendee ${attendeeId} is not a member of party ${party.partyId}`, {
    partyId: party.partyId,
    attendeeId,
  });

const leaderRequired = (party: Party) =>
  new DomainError(
    'PARTY_LEADER_REQUIRED',
    `attendee ${party.leaderId} leads party ${party.partyId}, which has other members: name another leader first`,
    { partyId: party.partyId, leaderId: party.leaderId },
  );

/** The first member of an empty party leads it; `asLeader` makes a new member the leader. */
export const withMember = (party: Party, attendeeId: string, asLeader: boolean, at: string): Party => {
  if (party.memberIds.includes(attendeeId)) {
    return asLeader ? withLeader(party, attendeeId, at) : party;
  }
  if (party.memberIds.length >= maxPartySize) throw partyFull(party);
  const leaderId = asLeader || party.leaderId === null ? attendeeId : party.leaderId;
  return { ...party, memberIds: [...party.memberIds, attendeeId], leaderId, updatedAt: at };
};

/**
 * The leader may leave only when another member is named to lead, or when nobody is left.
 * Removing someone who is not a member leaves the party as it is.
 */
export const withoutMember = (
  party: Party,
  attendeeId: string,
  newLeaderId: string | undefined,
  at: string,
): Party => {
  if (!party.memberIds.includes(attendeeId)) return party;
  const memberIds = party.memberIds.filter((id) => id !== attendeeId);
  if (party.leaderId !== attendeeId) return { ...party, memberIds, updatedAt: at };
  if (memberIds.length === 0) return { ...party, memberIds, leaderId: null, updatedAt: at };
  if (!newLeaderId) throw leaderRequired(party);
  if (!memberIds.includes(newLeaderId)) throw notInParty(party, newLeaderId);
  return { ...party, memberIds, leaderId: newLeaderId, updatedAt: at };
};

export const withLeader = (party: Party, attendeeId: string, at: string): Party => {
  if (!party.memberIds.includes(attendeeId)) throw notInParty(party, attendeeId);
  return party.leaderId === attendeeId ? party : { ...party, leaderId: attendeeId, updatedAt: at };
};
