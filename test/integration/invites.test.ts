import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import {
  acceptInvite,
  createInvite,
  listInvites,
  revokeInvite,
} from '../../functions/modules/organizations/domain/invites.js';
import { listMembers } from '../../functions/modules/organizations/domain/members.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { freshContainer, roleOf, user } from './fixtures.js';

describe('invites against DynamoDB Local', () => {
  let c: Container;
  let orgId: string;
  const owner = user('boss');
  beforeAll(async () => {
    c = await freshContainer();
    orgId = (await createOrganization(c.deps, owner, { name: 'Inviting' })).orgId;
  });

  const invite = (email: string, expiresInHours = 24) =>
    createInvite(c.deps, owner, orgId, { email, role: 'staff', expiresInHours });

  it('stores only a hash of the token and accepts it exactly once, even when raced', async () => {
    const inv = await invite('door@example.com');
    const stored = await c.deps.invites.get(orgId, inv.inviteId);
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(inv.token.split('.')[2]);

    const door = user('door');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => acceptInvite(c.deps, door, inv.token)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason.code).toMatch(/INVITE_ALREADY_USED|ALREADY_MEMBER/);
    }
    expect(roleOf((await listMembers(c.deps, owner, orgId, { limit: 50 })).items, 'door')).toBe('staff');
    await expect(acceptInvite(c.deps, door, inv.token)).rejects.toMatchObject({
      code: 'INVITE_ALREADY_USED',
    });
  });

  it('refuses wrong tokens, other emails, revoked and expired invites', async () => {
    const inv = await invite('late@example.com', 1);
    const forged = `${inv.token.slice(0, -4)}AAAA`;
    await expect(acceptInvite(c.deps, user('late'), forged)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acceptInvite(c.deps, user('late'), 'not-a-token-at-all-xxxxxx')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(acceptInvite(c.deps, user('someone-else'), inv.token)).rejects.toMatchObject({
      code: 'INVITE_EMAIL_MISMATCH',
    });

    const later = { ...c.deps, clock: { now: () => new Date(Date.now() + 2 * 3_600_000) } };
    await expect(acceptInvite(later, user('late'), inv.token)).rejects.toMatchObject({
      code: 'INVITE_EXPIRED',
    });
    const expired = await listInvites(later, owner, orgId, 'expired', { limit: 50 });
    expect(expired.items.map((i) => i.inviteId)).toContain(inv.inviteId);

    const revoked = await invite('gone@example.com');
    await revokeInvite(c.deps, owner, orgId, revoked.inviteId);
    await revokeInvite(c.deps, owner, orgId, revoked.inviteId);
    await expect(acceptInvite(c.deps, user('gone'), revoked.token)).rejects.toMatchObject({
      code: 'INVITE_REVOKED',
    });
    const pending = await listInvites(c.deps, owner, orgId, 'pending', { limit: 50 });
    expect(pending.items.map((i) => i.inviteId)).not.toContain(revoked.inviteId);
    expect(pending.items.every((i) => i.status === 'pending')).toBe(true);
  });

  it('only lets a role invite roles below it', async () => {
    const adminInvite = await createInvite(c.deps, owner, orgId, {
      email: 'adm@example.com',
      role: 'admin',
      expiresInHours: 1,
    });
    await acceptInvite(c.deps, user('adm'), adminInvite.token);
    await expect(
      createInvite(c.deps, user('adm'), orgId, { email: 'x@example.com', role: 'admin', expiresInHours: 1 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      createInvite(c.deps, user('door'), orgId, {
        email: 'x@example.com',
        role: 'viewer',
        expiresInHours: 1,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
