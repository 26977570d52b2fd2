import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Role } from '../../functions/kernel/domain/roles.js';
import { acceptInvite, createInvite } from '../../functions/modules/organizations/domain/invites.js';
import {
  listMembers,
  removeMember,
  updateMember,
} from '../../functions/modules/organizations/domain/members.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { freshContainer, roleOf, user } from './fixtures.js';

describe('members against DynamoDB Local', () => {
  let c: Container;
  beforeAll(async () => {
    c = await freshContainer();
  });

  const orgWith = async (members: Record<string, Role>) => {
    const org = await createOrganization(c.deps, user('root'), { name: 'Org' });
    for (const [sub, role] of Object.entries(members)) {
      const invite = await createInvite(c.deps, user('root'), org.orgId, {
        email: `${sub}@example.com`,
        role,
        expiresInHours: 1,
      });
      await acceptInvite(c.deps, user(sub), invite.token);
    }
    return org.orgId;
  };

  it('never lets two owners demote each other into an ownerless organization', async () => {
    const twoOwners = await orgWith({ x: 'owner' });
    const results = await Promise.allSettled([
      updateMember(c.deps, user('root'), twoOwners, 'x', { role: 'admin' }),
      updateMember(c.deps, user('x'), twoOwners, 'root', { role: 'admin' }),
    ]);
    const members = (await listMembers(c.deps, user('root'), twoOwners, { limit: 10 })).items;
    const owners = members.filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: expect.objectContaining({
        code: expect.stringMatching(/LAST_OWNER|CONFLICT|NOT_FOUND|FORBIDDEN/),
      }),
    });
  });

  it('refuses to remove an owner reactivated since read, whose removal would not move the owner count', async () => {
    const orgId = await orgWith({ x: 'owner' });
    await updateMember(c.deps, user('root'), orgId, 'x', { status: 'suspended' });
    const readSuspended = await c.deps.members.get(orgId, 'x');
    expect(readSuspended).toMatchObject({ role: 'owner', status: 'suspended' });
    await updateMember(c.deps, user('root'), orgId, 'x', { status: 'active' });
    // Removed as the suspended owner read before: no owner leaves the count, so it is refused.
    await expect(c.deps.members.remove(readSuspended!, 0)).rejects.toMatchObject({ code: 'CONFLICT' });
    await removeMember(c.deps, user('root'), orgId, 'x');
    await expect(removeMember(c.deps, user('root'), orgId, 'root')).rejects.toMatchObject({
      code: 'LAST_OWNER',
    });
  });

  it('refuses to remove or demote the last owner', async () => {
    const orgId = await orgWith({});
    await expect(removeMember(c.deps, user('root'), orgId, 'root')).rejects.toMatchObject({
      code: 'LAST_OWNER',
    });
    await expect(updateMember(c.deps, user('root'), orgId, 'root', { role: 'admin' })).rejects.toMatchObject({
      code: 'LAST_OWNER',
    });
    await expect(
      updateMember(c.deps, user('root'), orgId, 'root', { status: 'suspended' }),
    ).rejects.toMatchObject({
      code: 'LAST_OWNER',
    });
  });

  it('lets admins manage lower roles only', async () => {
    const orgId = await orgWith({ adm: 'admin', adm2: 'admin', org: 'organizer', st: 'staff' });
    const updated = await updateMember(c.deps, user('adm'), orgId, 'st', { role: 'organizer' });
    expect(updated.role).toBe('organizer');
    await expect(updateMember(c.deps, user('adm'), orgId, 'adm2', { role: 'viewer' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(updateMember(c.deps, user('adm'), orgId, 'st', { role: 'owner' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(updateMember(c.deps, user('st'), orgId, 'org', { role: 'viewer' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await removeMember(c.deps, user('adm'), orgId, 'org');
    // Removing someone already gone is a success, so a retried DELETE answers the same.
    await removeMember(c.deps, user('adm'), orgId, 'org');
    const members = (await listMembers(c.deps, user('adm'), orgId, { limit: 50 })).items;
    expect(roleOf(members, 'org')).toBeUndefined();
    expect(roleOf(members, 'st')).toBe('organizer');
  });

  it('pages through members with cursors bound to their list', async () => {
    const subs = Array.from({ length: 7 }, (_, i) => `p${i}`);
    const orgId = await orgWith(Object.fromEntries(subs.map((s) => [s, 'viewer'])));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMembers(c.deps, user('root'), orgId, { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((m) => m.userId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['root', ...subs].sort());

    const first = await listMembers(c.deps, user('root'), orgId, { limit: 2 });
    const otherOrg = await orgWith({});
    await expect(
      listMembers(c.deps, user('root'), otherOrg, { limit: 2, cursor: first.nextCursor ?? '' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      listMembers(c.deps, user('root'), orgId, { limit: 2, cursor: 'garbage' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
