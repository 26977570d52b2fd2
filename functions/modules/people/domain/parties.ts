import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { type Attendee, maxPartySize, type Party, withLeader, withMember, withoutMember } from './model.js';

/**
 * How often a change recomputed on a fresh read is tried when the party moved meanwhile. Each
 * round of colliding writers lets at least one commit, so this many can join a party at once.
 */
const attempts = 5;

const isStale = (err: unknown): boolean => err instanceof DomainError && err.details.stale === true;

/** Runs `write` again (it re-reads) when a concurrent change made its party version stale. */
export const retryOnStale = async <T>(write: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts || !isStale(err)) throw err;
    }
  }
};

const existingParty = async (deps: Pick<Deps, 'parties'>, orgId: string, partyId: string): Promise<Party> => {
  const party = await deps.parties.get(orgId, partyId);
  if (!party) throw notFound('party');
  return party;
};

const changeParty = (
  deps: Pick<Deps, 'clock' | 'parties'>,
  orgId: string,
  partyId: string,
  change: (party: Party, at: string) => Party,
): Promise<Party> =>
  retryOnStale(async () => {
    const before = await existingParty(deps, orgId, partyId);
    return deps.parties.save({ before, after: change(before, deps.clock.now().toISOString()) });
  });

export interface CreatePartyInput {
  name: string;
  leaderId: string;
  /** Further members besides the leader. */
  memberIds?: string[] | undefined;
}

export const createParty = async (
  deps: Pick<Deps, 'clock' | 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  input: CreatePartyInput,
): Promise<Party> => {
  await authorize(deps, orgId, principal, 'party.manage');
  const memberIds = [...new Set([input.leaderId, ...(input.memberIds ?? [])])];
  if (memberIds.length > maxPartySize) {
    throw validationFailed([{ field: 'memberIds', message: `a party has at most ${maxPartySize} members` }]);
  }
  const now = deps.clock.now().toISOString();
  const party: Party = {
    orgId,
    partyId: newId('pty'),
    name: input.name,
    leaderId: input.leaderId,
    memberIds,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.parties.create(party);
  return party;
};

export const getParty = async (
  deps: Pick<Deps, 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  partyId: string,
): Promise<Party> => {
  await authorize(deps, orgId, principal, 'party.read');
  return existingParty(deps, orgId, partyId);
};

export const listParties = async (
  deps: Pick<Deps, 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<Party>> => {
  await authorize(deps, orgId, principal, 'party.read');
  return deps.parties.list(orgId, page);
};

/** The party's members as attendee records, the leader first. */
export const listPartyMembers = async (
  deps: Pick<Deps, 'attendees' | 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  partyId: string,
): Promise<Attendee[]> => {
  await authorize(deps, orgId, principal, 'party.read');
  const party = await existingParty(deps, orgId, partyId);
  const ordered = [...party.memberIds].sort(
    (a, b) => Number(b === party.leaderId) - Number(a === party.leaderId),
  );
  const members = await Promise.all(ordered.map((id) => deps.attendees.get(orgId, id)));
  return members.filter((m): m is Attendee => m !== undefined);
};

export interface UpdatePartyInput {
  name?: string | undefined;
  /** Hands the lead to another member. */
  leaderId?: string | undefined;
}

export const updateParty = async (
  deps: Pick<Deps, 'clock' | 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  partyId: string,
  input: UpdatePartyInput,
): Promise<Party> => {
  await authorize(deps, orgId, principal, 'party.manage');
  return changeParty(deps, orgId, partyId, (party, at) => {
    const renamed = input.name === undefined ? party : { ...party, name: input.name, updatedAt: at };
    return input.leaderId === undefined ? renamed : withLeader(renamed, input.leaderId, at);
  });
};

export const addPartyMember = async (
  deps: Pick<Deps, 'clock' | 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  partyId: string,
  input: { attendeeId: string; leader?: boolean | undefined },
): Promise<Party> => {
  await authorize(deps, orgId, principal, 'party.manage');
  return changeParty(deps, orgId, partyId, (party, at) =>
    withMember(party, input.attendeeId, input.leader ?? false, at),
  );
};

/** Removing an attendee who is not (or no longer) a member succeeds, so a retried DELETE does too. */
export const removePartyMember = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  partyId: string,
  attendeeId: string,
  newLeaderId: string | undefined,
): Promise<Party> => {
  await authorize(deps, orgId, principal, 'party.manage');
  if (!(await deps.attendees.get(orgId, attendeeId))) throw notFound('attendee');
  return changeParty(deps, orgId, partyId, (party, at) => withoutMember(party, attendeeId, newLeaderId, at));
};

/** The party goes; its attendees stay, without a party. */
export const deleteParty = async (
  deps: Pick<Deps, 'clock' | 'parties'> & AccessDeps,
  principal: Principal,
  orgId: string,
  partyId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'party.manage');
  await retryOnStale(async () => {
    const party = await existingParty(deps, orgId, partyId);
    await deps.parties.remove(party, deps.clock.now().toISOString());
  });
};
