import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Session } from '../../catalog/index.js';
import type { DoorRules } from './checkin.js';
import type { CheckinList } from './checkin-list-ports.js';

/** Use cases of check-in lists (the model and its store: checkin-list-ports.ts). */

export type CheckinListInput = Pick<
  CheckinList,
  'name' | 'sessionIds' | 'reentry' | 'opensMinutesBefore' | 'closesMinutesAfter'
>;

export type CheckinListChange = Partial<CheckinListInput>;

type ListDeps = Pick<Deps, 'checkinLists'> & AccessDeps;
type WriteDeps = Pick<Deps, 'checkinLists' | 'clock' | 'sessions'> & AccessDeps;

/** Rounds of read-and-write before a list that keeps changing under a change answers CONFLICT. */
const attempts = 3;

const shifted = (at: string, minutes: number): string =>
  new Date(Date.parse(at) + minutes * 60_000).toISOString();

/** A session's door rules under the list: its window around the session, its re-entry rule. */
export const listDoorRules = (
  list: CheckinList,
  session: Pick<Session, 'sessionId' | 'startsAt' | 'endsAt'>,
): Omit<DoorRules, 'ticketCodes'> => ({
  opensAt: shifted(session.startsAt, -list.opensMinutesBefore),
  closesAt: shifted(session.endsAt, list.closesMinutesAfter),
  reentry: list.reentry,
  admits: list.sessionIds.includes(session.sessionId),
});

export const existingList = async (
  deps: Pick<Deps, 'checkinLists'>,
  orgId: string,
  listId: string,
): Promise<CheckinList> => {
  const list = await deps.checkinLists.get(orgId, listId);
  if (!list) throw notFound('check-in list');
  return list;
};

/** The sessions once each, every one a session of the organization (a 422 names any other). */
const checkedSessions = async (
  deps: Pick<Deps, 'sessions'>,
  orgId: string,
  sessionIds: readonly string[],
): Promise<string[]> => {
  const found = await Promise.all(sessionIds.map((id) => deps.sessions.get(orgId, id)));
  const missing = sessionIds.flatMap((id, i) =>
    found[i] ? [] : [{ field: `sessionIds.${i}`, message: `${id} is not a session of this organization` }],
  );
  if (missing.length > 0) throw validationFailed(missing);
  return [...new Set(sessionIds)];
};

export const createCheckinList = async (
  deps: WriteDeps,
  principal: Principal,
  orgId: string,
  input: CheckinListInput,
): Promise<CheckinList> => {
  await authorize(deps, orgId, principal, 'checkin.manage');
  const sessionIds = await checkedSessions(deps, orgId, input.sessionIds);
  const now = deps.clock.now().toISOString();
  const list: CheckinList = {
    orgId,
    listId: newId('chl'),
    name: input.name,
    sessionIds,
    reentry: input.reentry,
    opensMinutesBefore: input.opensMinutesBefore,
    closesMinutesAfter: input.closesMinutesAfter,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.checkinLists.create(list);
  return list;
};

/** Scanners read lists too (the door needs their rules), so reading takes `checkin.scan`. */
export const getCheckinList = async (
  deps: ListDeps,
  principal: Principal,
  orgId: string,
  listId: string,
): Promise<CheckinList> => {
  await authorize(deps, orgId, principal, 'checkin.scan');
  return existingList(deps, orgId, listId);
};

export const listCheckinLists = async (
  deps: ListDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<CheckinList>> => {
  await authorize(deps, orgId, principal, 'checkin.scan');
  return deps.checkinLists.list(orgId, page);
};

export const updateCheckinList = async (
  deps: WriteDeps,
  principal: Principal,
  orgId: string,
  listId: string,
  change: CheckinListChange,
): Promise<CheckinList> => {
  await authorize(deps, orgId, principal, 'checkin.manage');
  const sessionIds = change.sessionIds && (await checkedSessions(deps, orgId, change.sessionIds));
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const before = await existingList(deps, orgId, listId);
    const after: CheckinList = {
      ...before,
      name: change.name ?? before.name,
      sessionIds: sessionIds ?? before.sessionIds,
      reentry: change.reentry ?? before.reentry,
      opensMinutesBefore: change.opensMinutesBefore ?? before.opensMinutesBefore,
      closesMinutesAfter: change.closesMinutesAfter ?? before.closesMinutesAfter,
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    if (await deps.checkinLists.save(before, after)) return after;
  }
  throw new DomainError('CONFLICT', 'the check-in list keeps changing; try again');
};

export const deleteCheckinList = async (
  deps: ListDeps,
  principal: Principal,
  orgId: string,
  listId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'checkin.manage');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (await deps.checkinLists.remove(await existingList(deps, orgId, listId))) return;
  }
  throw new DomainError('CONFLICT', 'the check-in list keeps changing; try again');
};
