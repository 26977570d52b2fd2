import type { Container } from '../../functions/app/container.js';
import type { JobMessage } from '../../functions/kernel/domain/deps.js';
import type { Role } from '../../functions/kernel/domain/roles.js';
import type { CreateEventInput } from '../../functions/modules/catalog/domain/events.js';
import { createVenue } from '../../functions/modules/catalog/domain/venues.js';
import { acceptInvite, createInvite } from '../../functions/modules/organizations/domain/invites.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { user } from './fixtures.js';

/** Records jobs instead of sending them, so tests can see which cascades were requested. */
export const recordJobs = (c: Container): JobMessage[] => {
  const sent: JobMessage[] = [];
  c.deps.jobs = { send: async (job) => void sent.push(job) };
  return sent;
};

/** An organization owned by `owner` with one member per entry of `members`. */
export const orgWith = async (c: Container, owner: string, members: Record<string, Role> = {}) => {
  const org = await createOrganization(c.deps, user(owner), { name: `${owner}'s org` });
  for (const [sub, role] of Object.entries(members)) {
    const invite = await createInvite(c.deps, user(owner), org.orgId, {
      email: `${sub}@example.com`,
      role,
      expiresInHours: 1,
    });
    await acceptInvite(c.deps, user(sub), invite.token);
  }
  return org.orgId;
};

/** A free, public, open event at `venueId` with no tags, images or settings, changed by `overrides`. */
export const eventInput = (venueId: string, overrides: Partial<CreateEventInput> = {}): CreateEventInput => ({
  venueId,
  title: 'Night',
  description: '',
  defaultDurationMinutes: 60,
  defaultCapacity: 5,
  visibility: 'public',
  admission: 'open',
  price: { kind: 'free' },
  tags: [],
  coverImageUrls: [],
  settings: {},
  ...overrides,
});

export const venueIn = (c: Container, owner: string, orgId: string, name = 'Hall') =>
  createVenue(c.deps, user(owner), orgId, {
    name,
    address: 'Uferstraße 12',
    city: 'Berlin',
    timezone: 'Europe/Berlin',
    rooms: [{ name: 'Main', capacity: 100 }],
  });
