import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, forbidden, notFound } from '../../../kernel/domain/errors.js';
import { hashSecret, newId, newSecret, sameHash } from '../../../kernel/domain/ids.js';
import { outranks } from '../../../kernel/domain/roles.js';
import type {
  Invite,
  InviteStatus,
  Member,
  Page,
  PageRequest,
  Principal,
} from '../../../kernel/domain/types.js';
import { displayName, sameEmail } from './identity.js';

/** A pending invite past its expiry is expired, whether or not anything has rewritten it yet. */
export const effectiveStatus = (invite: Invite, now: Date): InviteStatus =>
  invite.status === 'pending' && Date.parse(invite.expiresAt) <= now.getTime() ? 'expired' : invite.status;

export type InviteView = Omit<Invite, 'tokenHash'>;

export const inviteView = ({ tokenHash: _hidden, ...invite }: Invite, now: Date): InviteView => ({
  ...invite,
  status: effectiveStatus({ ...invite, tokenHash: '' }, now),
});

export interface CreateInviteInput {
  email: string;
  role: Member['role'];
  expiresInHours: number;
}

/**
 * The raw token names its organization and invite so acceptance is two key reads, not a lookup by
 * secret; only the secret's hash is stored.
 */
const tokenOf = (orgId: string, inviteId: string, secret: string): string => `${orgId}.${inviteId}.${secret}`;

const parseToken = (token: string): { orgId: string; inviteId: string; secret: string } | undefined => {
  const [orgId, inviteId, secret, ...rest] = token.split('.');
  if (!orgId || !inviteId || !secret || rest.length > 0) return undefined;
  if (!/^org_[0-9a-z]{20}$/.test(orgId) || !/^inv_[0-9a-z]{20}$/.test(inviteId)) return undefined;
  return { orgId, inviteId, secret };
};

export const createInvite = async (
  deps: Pick<Deps, 'clock' | 'invites'> & AccessDeps,
  principal: Principal,
  orgId: string,
  input: CreateInviteInput,
): Promise<InviteView & { token: string }> => {
  const { actor } = await authorize(deps, orgId, principal, 'invite.create');
  if (!outranks(actor.role, input.role)) throw forbidden(`inviting with the role ${input.role}`);
  const now = deps.clock.now();
  const secret = newSecret();
  const invite: Invite = {
    orgId,
    inviteId: newId('inv'),
    email: input.email.toLowerCase(),
    role: input.role,
    status: 'pending',
    tokenHash: hashSecret(secret),
    invitedBy: principal.sub,
    expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000).toISOString(),
    createdAt: now.toISOString(),
    respondedAt: null,
    acceptedBy: null,
  };
  await deps.invites.create(invite);
  return { ...inviteView(invite, now), token: tokenOf(orgId, invite.inviteId, secret) };
};

export const listInvites = async (
  deps: Pick<Deps, 'clock' | 'invites'> & AccessDeps,
  principal: Principal,
  orgId: string,
  status: InviteStatus | undefined,
  page: PageRequest,
): Promise<Page<InviteView>> => {
  await authorize(deps, orgId, principal, 'invite.list');
  const now = deps.clock.now();
  const result = await deps.invites.list(orgId, status, now.toISOString(), page);
  return { items: result.items.map((i) => inviteView(i, now)), nextCursor: result.nextCursor };
};

/** Revoking an already revoked invite succeeds, so a retried DELETE answers the same. */
export const revokeInvite = async (
  deps: Pick<Deps, 'clock' | 'invites'> & AccessDeps,
  principal: Principal,
  orgId: string,
  inviteId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'invite.revoke');
  const invite = await deps.invites.get(orgId, inviteId);
  if (!invite) throw notFound('invite');
  if (invite.status === 'revoked') return;
  if (invite.status === 'accepted') {
    throw new DomainError('INVITE_ALREADY_USED', 'the invite was already accepted');
  }
  await deps.invites.revoke(invite, deps.clock.now().toISOString());
};

/** The caller's verified email, which the usable invite was sent to. */
const assertUsable = (invite: Invite, principal: Principal, now: Date): string => {
  const status = effectiveStatus(invite, now);
  if (status === 'accepted') throw new DomainError('INVITE_ALREADY_USED', 'the invite was already used');
  if (status === 'revoked') throw new DomainError('INVITE_REVOKED', 'the invite was revoked');
  if (status === 'expired') throw new DomainError('INVITE_EXPIRED', 'the invite has expired');
  if (principal.email === undefined) {
    throw new DomainError(
      'INVITE_EMAIL_MISMATCH',
      'the invite was sent to an email address, and your token carries no verified one',
    );
  }
  if (invite.email === null || !sameEmail(principal.email, invite.email)) {
    throw new DomainError('INVITE_EMAIL_MISMATCH', 'the invite was sent to another email address');
  }
  return principal.email;
};

export const acceptInvite = async (
  deps: Pick<Deps, 'clock' | 'invites'> & AccessDeps,
  principal: Principal,
  token: string,
): Promise<Member> => {
  const parsed = parseToken(token);
  const invite = parsed && (await deps.invites.get(parsed.orgId, parsed.inviteId));
  if (!parsed || !invite || !sameHash(invite.tokenHash, hashSecret(parsed.secret))) throw notFound('invite');
  const now = deps.clock.now();
  const email = assertUsable(invite, principal, now);
  const [org, existing] = await Promise.all([
    deps.orgs.get(invite.orgId),
    deps.members.get(invite.orgId, principal.sub),
  ]);
  if (!org) throw notFound('invite');
  if (org.status === 'deleting')
    throw new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
  if (existing) throw new DomainError('ALREADY_MEMBER', 'you are already a member of this organization');
  const member: Member = {
    orgId: invite.orgId,
    userId: principal.sub,
    name: displayName(principal),
    email,
    role: invite.role,
    status: 'active',
    joinedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.invites.accept(invite, member, now.toISOString());
  return member;
};
