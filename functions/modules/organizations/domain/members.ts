import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps, MemberChange, OwnerDelta } from '../../../kernel/domain/deps.js';
import { forbidden, notFound } from '../../../kernel/domain/errors.js';
import { outranks } from '../../../kernel/domain/roles.js';
import type { Member, Page, PageRequest, Principal } from '../../../kernel/domain/types.js';

const isActiveOwner = (m: Pick<Member, 'role' | 'status'>): boolean =>
  m.role === 'owner' && m.status === 'active';

/** How a change moves the organization's count of active owners (the last one must stay). */
export const ownerDeltaOf = (before: Member, after: Pick<Member, 'role' | 'status'>): OwnerDelta =>
  ((isActiveOwner(after) ? 1 : 0) - (isActiveOwner(before) ? 1 : 0)) as OwnerDelta;

export const listMembers = async (
  deps: AccessDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<Member>> => {
  await authorize(deps, orgId, principal, 'member.list');
  return deps.members.list(orgId, page);
};

export interface UpdateMemberInput {
  role?: Member['role'] | undefined;
  name?: string | undefined;
  status?: Member['status'] | undefined;
}

export const updateMember = async (
  deps: Pick<Deps, 'clock'> & AccessDeps,
  principal: Principal,
  orgId: string,
  userId: string,
  input: UpdateMemberInput,
): Promise<Member> => {
  const { actor } = await authorize(deps, orgId, principal, 'member.update');
  const target = await deps.members.get(orgId, userId);
  if (!target) throw notFound('member');
  const self = target.userId === actor.userId;
  // A manager changes members ranked below them; owners change anyone, themselves included.
  if (!self && !outranks(actor.role, target.role))
    throw forbidden('changing a member of equal or higher role');
  if (self && actor.role !== 'owner' && (input.role || input.status))
    throw forbidden('changing your own role');
  if (input.role && !outranks(actor.role, input.role)) throw forbidden(`granting the role ${input.role}`);
  const change: MemberChange = { ...input, updatedAt: deps.clock.now().toISOString() };
  const after = { role: input.role ?? target.role, status: input.status ?? target.status };
  return deps.members.update(target, change, ownerDeltaOf(target, after));
};

/** Removing someone who is already gone succeeds, so a retried DELETE answers the same. */
export const removeMember = async (
  deps: AccessDeps,
  principal: Principal,
  orgId: string,
  userId: string,
): Promise<void> => {
  const leaving = userId === principal.sub;
  const { actor } = await authorize(deps, orgId, principal, leaving ? 'member.leave' : 'member.remove');
  const target = leaving ? actor : await deps.members.get(orgId, userId);
  if (!target) return;
  if (!leaving && !outranks(actor.role, target.role))
    throw forbidden('removing a member of equal or higher role');
  await deps.members.remove(target, isActiveOwner(target) ? -1 : 0);
};

export const listMyMemberships = (
  deps: Pick<Deps, 'members'>,
  principal: Principal,
  page: PageRequest,
): Promise<Page<Member>> => deps.members.listByUser(principal.sub, page);
