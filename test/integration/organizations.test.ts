import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { JobMessage } from '../../functions/kernel/domain/deps.js';
import { acceptInvite, createInvite } from '../../functions/modules/organizations/domain/invites.js';
import { listMyMemberships } from '../../functions/modules/organizations/domain/members.js';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  purgeOrganization,
  updateOrganization,
} from '../../functions/modules/organizations/domain/organizations.js';
import { freshContainer, user } from './fixtures.js';

const owner = user('owner-1');

describe('organizations against DynamoDB Local', () => {
  let c: Container;
  const sent: JobMessage[] = [];
  beforeAll(async () => {
    c = await freshContainer();
    // Records jobs instead of sending them, so the cascade can be stepped by hand.
    c.deps.jobs = { send: async (job) => void sent.push(job) };
  });

  it('creates an organization with its creator as the only owner', async () => {
    const org = await createOrganization(c.deps, owner, { name: 'Acme', domain: 'acme.example' });
    expect(org).toMatchObject({ name: 'Acme', domain: 'acme.example', status: 'active', settings: {} });
    expect(await getOrganization(c.deps, owner, org.orgId)).toEqual(org);
    const mine = await listMyMemberships(c.deps, owner, { limit: 10 });
    expect(mine.items).toEqual([expect.objectContaining({ orgId: org.orgId, role: 'owner' })]);
  });

  it('refuses creation by non-operators when the tenant restricts it', async () => {
    const restricted = await freshContainer({ ORG_CREATION: 'operators', OPERATOR_SUBS: 'ops-1' });
    await expect(createOrganization(restricted.deps, owner, { name: 'X' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(createOrganization(restricted.deps, user('ops-1'), { name: 'X' })).resolves.toMatchObject({
      name: 'X',
    });
  });

  it('updates name, settings and clears the domain', async () => {
    const org = await createOrganization(c.deps, owner, { name: 'Before', domain: 'before.example' });
    const updated = await updateOrganization(c.deps, owner, org.orgId, {
      name: 'After',
      domain: null,
      settings: { defaultTimezone: 'Asia/Kolkata', defaultCurrency: 'INR' },
    });
    expect(updated).toMatchObject({ name: 'After', domain: null, settings: { defaultCurrency: 'INR' } });
    expect(updated.updatedAt >= org.updatedAt).toBe(true);
  });

  it('deletes an organization with everything in it, in resumable steps', async () => {
    const org = await createOrganization(c.deps, owner, { name: 'Doomed' });
    // Enough invites and members to need more than one cascade step (100 items per step).
    for (let i = 0; i < 130; i++) {
      const invite = await createInvite(c.deps, owner, org.orgId, {
        email: `m${i}@example.com`,
        role: 'viewer',
        expiresInHours: 1,
      });
      if (i < 110) await acceptInvite(c.deps, user(`m${i}`), invite.token);
    }
    await deleteOrganization(c.deps, owner, org.orgId);
    expect(sent).toContainEqual({ type: 'org.delete', orgId: org.orgId });
    await expect(updateOrganization(c.deps, owner, org.orgId, { name: 'x' })).rejects.toMatchObject({
      code: 'ORGANIZATION_DELETING',
    });

    // A first step is interrupted after it ran (as if the worker died): running again finishes it.
    const steps: string[] = [];
    for (let i = 0; i < 10; i++) {
      const step = await purgeOrganization(c.deps, org.orgId);
      steps.push(step);
      if (step === 'done') break;
    }
    expect(steps.at(-1)).toBe('done');
    expect(steps.length).toBeGreaterThan(2);
    expect(await purgeOrganization(c.deps, org.orgId)).toBe('done');

    expect(await c.deps.orgs.get(org.orgId)).toBeUndefined();
    expect((await c.deps.members.list(org.orgId, { limit: 100 })).items).toEqual([]);
    expect(
      (await c.deps.invites.list(org.orgId, undefined, new Date().toISOString(), { limit: 100 })).items,
    ).toEqual([]);
    expect((await listMyMemberships(c.deps, user('m3'), { limit: 10 })).items).toEqual([]);
  });
});
