import { beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { FileBucket } from '../../functions/kernel/domain/files.js';
import { registerMyDevice } from '../../functions/modules/notifications/domain/devices.js';
import type { PushEndpoints } from '../../functions/modules/notifications/domain/ports.js';
import { acceptInvite, createInvite } from '../../functions/modules/organizations/domain/invites.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { ensureMyAttendee, getAttendee } from '../../functions/modules/people/domain/attendees.js';
import { requestAccountDeletion } from '../../functions/modules/profiles/domain/account-deletion.js';
import { runAccountErasure } from '../../functions/modules/profiles/domain/account-erasure.js';
import { putMyProfile } from '../../functions/modules/profiles/domain/profiles.js';
import { freshContainer, user } from './fixtures.js';

/**
 * An account's erasure on DynamoDB Local with the real stores: attendee records anonymized in every
 * organization, preferences, memberships, devices and the profile gone, each step safe to run
 * again. The sole owner is refused before anything is queued. SNS and S3 are recording stand-ins
 * (no local engine in this suite: the e2e test erases real s3rver objects).
 */

const zed = { sub: 'er-zed', email: 'zed@example.com', phone: '+15550107777', name: 'Zed' };
const root = user('er-root');

const recordingBucket = () => {
  const removed: string[] = [];
  const port: Pick<FileBucket, 'removeAll'> = {
    removeAll: async (prefix) => {
      removed.push(prefix);
      return 0;
    },
  };
  return { port, removed };
};

const recordingEndpoints = (): { port: PushEndpoints; removed: string[] } => {
  const removed: string[] = [];
  return {
    removed,
    port: {
      configured: () => true,
      create: async (_p, _t, deviceId) => `endpoint/${deviceId}`,
      remove: async (endpointId) => void removed.push(endpointId),
      publish: async () => 'sent',
    },
  };
};

let c: Container;
let bucket: ReturnType<typeof recordingBucket>;
let endpoints: ReturnType<typeof recordingEndpoints>;

beforeEach(async () => {
  c = await freshContainer();
  bucket = recordingBucket();
  endpoints = recordingEndpoints();
  c.deps.profileFiles = { ...c.deps.profileFiles, ...bucket.port };
  c.deps.pushEndpoints = endpoints.port;
});

describe('account erasure', () => {
  it('anonymizes attendees in every organization and removes memberships, preferences, devices and the profile; again is a no-op', async () => {
    await putMyProfile(c.deps, zed, { displayName: 'Zed Zebra', city: 'Faro' });
    const orgs = await Promise.all(
      ['A', 'B'].map(async (n) => (await createOrganization(c.deps, root, { name: `Erase ${n}` })).orgId),
    );
    const attendees = await Promise.all(
      orgs.map((orgId) => ensureMyAttendee(c.deps, zed, orgId, { firstName: 'Zed', lastName: 'Zebra' })),
    );
    for (const orgId of orgs)
      await c.deps.notifications.putPreferences(
        orgId,
        zed.sub,
        { channels: ['email'], quietHours: null },
        'x',
      );
    const invite = await createInvite(c.deps, root, orgs[0] as string, {
      email: zed.email,
      role: 'staff',
      expiresInHours: 24,
    });
    await acceptInvite(c.deps, zed, invite.token);
    await registerMyDevice(c.deps, zed, { platform: 'apns', token: 'ef56'.repeat(16) });

    await requestAccountDeletion(c.deps, zed);
    for (let run = 0; run < 2; run++) expect(await runAccountErasure(c.deps, zed.sub)).toBe('done');

    for (const [i, orgId] of orgs.entries()) {
      const a = await getAttendee(c.deps, root, orgId, attendees[i]?.attendeeId as string);
      expect(a).toMatchObject({
        firstName: 'Deleted',
        lastName: 'Deleted',
        email: null,
        phone: null,
        userId: null,
      });
      expect(await c.deps.attendees.findBy(orgId, 'email', zed.email)).toBeUndefined();
      expect(await c.deps.notifications.getPreferences(orgId, zed.sub)).toBeUndefined();
    }
    expect((await c.deps.attendees.listByUser(zed.sub, { limit: 10 })).items).toEqual([]);
    expect((await c.deps.members.listByUser(zed.sub, { limit: 10 })).items).toEqual([]);
    expect((await c.deps.devices.listByUser(zed.sub, { limit: 10 })).items).toEqual([]);
    expect(endpoints.removed).toHaveLength(1);
    expect(await c.deps.profiles.get(zed.sub)).toBeUndefined();
    expect(bucket.removed).toEqual([`${zed.sub}/`, `${zed.sub}/`]);
    // The accepted invite keeps who accepted it, not the address it was sent to.
    expect(await c.deps.invites.get(orgs[0] as string, invite.inviteId)).toMatchObject({
      status: 'accepted',
      acceptedBy: zed.sub,
      email: null,
    });
  });

  it('refuses the only owner of an organization and queues nothing', async () => {
    const { orgId } = await createOrganization(c.deps, zed, { name: 'Mine' });
    const sent: unknown[] = [];
    c.deps.jobs = { send: async (job) => void sent.push(job) };
    await expect(requestAccountDeletion(c.deps, zed)).rejects.toMatchObject({
      code: 'LAST_OWNER',
      details: { orgIds: [orgId] },
    });
    expect(sent).toEqual([]);
  });
});
