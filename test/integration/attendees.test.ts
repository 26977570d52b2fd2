import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { acceptInvite, createInvite } from '../../functions/modules/organizations/domain/invites.js';
import {
  createAttendee,
  deleteAttendee,
  ensureMyAttendee,
  getAttendee,
  getMyAttendee,
  listAttendees,
  updateAttendee,
} from '../../functions/modules/people/domain/attendees.js';
import { freshContainer, user } from './fixtures.js';
import { newAttendee, newOrg, partitionKeysOf } from './people-fixtures.js';

describe('attendees against DynamoDB Local', () => {
  let c: Container & { tableName: string };
  beforeAll(async () => {
    c = await freshContainer();
  });

  const root = user('root');
  const lookup = (orgId: string, q: { email?: string; phone?: string }) =>
    listAttendees(c.deps, root, orgId, { limit: 10, ...q });

  it('creates, reads, lists and looks attendees up by email (in any case) and by phone', async () => {
    const orgId = await newOrg(c);
    const ada = await createAttendee(c.deps, root, orgId, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.COM',
      phone: '+4915112345678',
    });
    expect(ada).toMatchObject({ email: 'ada@example.com', userId: null, partyId: null });
    expect(await getAttendee(c.deps, root, orgId, ada.attendeeId)).toEqual(ada);
    expect((await lookup(orgId, { email: 'ADA@example.com' })).items).toEqual([ada]);
    expect((await lookup(orgId, { phone: '+4915112345678' })).items).toEqual([ada]);
    expect((await lookup(orgId, { phone: '+4915100000000' })).items).toEqual([]);

    const others = await Promise.all([1, 2, 3, 4].map(() => newAttendee(c, orgId)));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAttendees(c.deps, root, orgId, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.attendeeId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([ada, ...others].map((a) => a.attendeeId).sort());
    await expect(getAttendee(c.deps, root, orgId, 'att_00000000000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a second attendee with the same email or phone, naming the field and the holder', async () => {
    const orgId = await newOrg(c);
    const first = await createAttendee(c.deps, root, orgId, {
      firstName: 'A',
      lastName: 'One',
      email: 'dup@example.com',
      phone: '+15550001111',
    });
    await expect(
      createAttendee(c.deps, root, orgId, { firstName: 'B', lastName: 'Two', email: 'DUP@example.com' }),
    ).rejects.toMatchObject({
      code: 'ATTENDEE_EXISTS',
      details: { field: 'email', attendeeId: first.attendeeId },
    });
    await expect(
      createAttendee(c.deps, root, orgId, { firstName: 'B', lastName: 'Two', phone: '+15550001111' }),
    ).rejects.toMatchObject({
      code: 'ATTENDEE_EXISTS',
      details: { field: 'phone', attendeeId: first.attendeeId },
    });
    // Another organization is another namespace.
    const otherOrg = await newOrg(c);
    await createAttendee(c.deps, root, otherOrg, {
      firstName: 'C',
      lastName: 'Three',
      email: 'dup@example.com',
    });
    expect((await listAttendees(c.deps, root, orgId, { limit: 10 })).items).toHaveLength(1);
  });

  it('lets exactly one of concurrent creates with the same email win', async () => {
    const orgId = await newOrg(c);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        createAttendee(c.deps, root, orgId, {
          firstName: `R${i}`,
          lastName: 'Race',
          email: 'race@example.com',
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(r.reason).toMatchObject({ code: 'ATTENDEE_EXISTS', details: { field: 'email' } });
    }
    expect((await listAttendees(c.deps, root, orgId, { limit: 20 })).items).toHaveLength(1);
  });

  it('moving an email or phone frees the old value and takes the new one in the same step', async () => {
    const orgId = await newOrg(c);
    const a = await createAttendee(c.deps, root, orgId, {
      firstName: 'Mo',
      lastName: 'Ver',
      email: 'old@example.com',
      phone: '+15550002222',
    });
    const b = await createAttendee(c.deps, root, orgId, {
      firstName: 'Ta',
      lastName: 'Ken',
      email: 'b@example.com',
    });
    const moved = await updateAttendee(c.deps, root, orgId, a.attendeeId, {
      email: 'New@Example.com',
      phone: null,
      lastName: 'Moved',
    });
    expect(moved).toMatchObject({
      email: 'new@example.com',
      phone: null,
      lastName: 'Moved',
      firstName: 'Mo',
    });
    expect(await getAttendee(c.deps, root, orgId, a.attendeeId)).toEqual(moved);
    expect((await lookup(orgId, { email: 'old@example.com' })).items).toEqual([]);
    expect((await lookup(orgId, { phone: '+15550002222' })).items).toEqual([]);
    expect((await lookup(orgId, { email: 'new@example.com' })).items).toEqual([moved]);

    const reuse = await createAttendee(c.deps, root, orgId, {
      firstName: 'Re',
      lastName: 'Use',
      email: 'old@example.com',
      phone: '+15550002222',
    });
    expect((await lookup(orgId, { email: 'old@example.com' })).items).toEqual([reuse]);
    await expect(
      updateAttendee(c.deps, root, orgId, b.attendeeId, { email: 'new@example.com' }),
    ).rejects.toMatchObject({
      code: 'ATTENDEE_EXISTS',
      details: { field: 'email', attendeeId: a.attendeeId },
    });
    // The refused change left b as it was, its own email still its own.
    expect(await getAttendee(c.deps, root, orgId, b.attendeeId)).toEqual(b);
    expect((await lookup(orgId, { email: 'b@example.com' })).items).toEqual([b]);
  });

  it('deleting an attendee frees their email and phone', async () => {
    const orgId = await newOrg(c);
    const a = await newAttendee(c, orgId);
    await deleteAttendee(c.deps, root, orgId, a.attendeeId);
    await expect(getAttendee(c.deps, root, orgId, a.attendeeId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteAttendee(c.deps, root, orgId, a.attendeeId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await lookup(orgId, { email: a.email ?? '' })).items).toEqual([]);
    const again = await createAttendee(c.deps, root, orgId, {
      firstName: 'Again',
      lastName: 'Here',
      email: a.email ?? '',
      phone: a.phone ?? '',
    });
    expect((await lookup(orgId, { phone: a.phone ?? '' })).items).toEqual([again]);
  });

  it('gives each signed-in user one attendee of their own through /me, also when asked at once', async () => {
    const orgId = await newOrg(c);
    const sam = user('sam');
    await expect(getMyAttendee(c.deps, sam, orgId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const input = { firstName: 'Sam', lastName: 'Self', phone: '+15550003333' };
    const results = await Promise.all([1, 2, 3].map(() => ensureMyAttendee(c.deps, sam, orgId, input)));
    const mine = results[0]!;
    expect(mine).toMatchObject({ userId: 'sam', email: 'sam@example.com', phone: '+15550003333' });
    for (const r of results) expect(r).toEqual(mine);
    expect(await ensureMyAttendee(c.deps, sam, orgId, { firstName: 'Other', lastName: 'Name' })).toEqual(
      mine,
    );
    expect(await getMyAttendee(c.deps, sam, orgId)).toEqual(mine);
    expect((await listAttendees(c.deps, root, orgId, { limit: 10 })).items).toEqual([mine]);

    await expect(getMyAttendee(c.deps, user('kim'), orgId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Same email in another user's token: refused without naming whose record holds it.
    const lookalike = { sub: 'lookalike', email: 'SAM@example.com' };
    const refused = ensureMyAttendee(c.deps, lookalike, orgId, { firstName: 'L', lastName: 'A' });
    await expect(refused).rejects.toMatchObject({ code: 'ATTENDEE_EXISTS', details: { field: 'email' } });
    await expect(refused).rejects.not.toHaveProperty('details.attendeeId');
    // Staff linking a second attendee to the same user is refused too.
    await expect(
      createAttendee(c.deps, root, orgId, { firstName: 'S', lastName: 'Two', userId: 'sam' }),
    ).rejects.toMatchObject({
      code: 'ATTENDEE_EXISTS',
      details: { field: 'userId', attendeeId: mine.attendeeId },
    });
  });

  it('/me answers only for live organizations', async () => {
    await expect(getMyAttendee(c.deps, user('sam'), 'org_00000000000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const orgId = await newOrg(c);
    await c.deps.orgs.markDeleting(orgId, new Date().toISOString());
    await expect(
      ensureMyAttendee(c.deps, user('sam'), orgId, { firstName: 'S', lastName: 'T' }),
    ).rejects.toMatchObject({ code: 'ORGANIZATION_DELETING' });
  });

  it('lets front-of-house roles manage attendees, organizers delete them, and nobody else in', async () => {
    const orgId = await newOrg(c);
    for (const [sub, role] of [
      ['st', 'staff'],
      ['vw', 'viewer'],
    ] as const) {
      const invite = await createInvite(c.deps, root, orgId, {
        email: `${sub}@example.com`,
        role,
        expiresInHours: 1,
      });
      await acceptInvite(c.deps, user(sub), invite.token);
    }
    const a = await createAttendee(c.deps, user('st'), orgId, { firstName: 'By', lastName: 'Staff' });
    await expect(getAttendee(c.deps, user('vw'), orgId, a.attendeeId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(deleteAttendee(c.deps, user('st'), orgId, a.attendeeId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(getAttendee(c.deps, user('stranger'), orgId, a.attendeeId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps every key under its organization, never in a partition of the org id alone', async () => {
    const orgId = await newOrg(c);
    await newAttendee(c, orgId);
    await ensureMyAttendee(c.deps, user('keys'), orgId, { firstName: 'K', lastName: 'Ey' });
    const keys = await partitionKeysOf(c.tableName, orgId);
    expect(keys).toEqual(expect.arrayContaining([`${orgId}#attendees`, `${orgId}#attendee-unique`]));
    for (const pk of keys) {
      expect(pk.startsWith(`${orgId}#`), pk).toBe(true);
    }
  });

  it('purges an organization in batches of at most the limit, leaving other organizations alone', async () => {
    const orgId = await newOrg(c);
    const keep = await newOrg(c);
    const kept = await newAttendee(c, keep);
    await Promise.all([1, 2, 3, 4, 5].map(() => newAttendee(c, orgId)));
    // Five attendees, each with an email and a phone: 15 items.
    const batches: number[] = [];
    for (let n = 4; n === 4; ) {
      n = await c.deps.attendees.purgeOrg(orgId, 4);
      batches.push(n);
    }
    expect(batches).toEqual([4, 4, 4, 3]);
    expect((await partitionKeysOf(c.tableName, orgId)).filter((pk) => pk.includes('attendee'))).toEqual([]);
    expect(await getAttendee(c.deps, root, keep, kept.attendeeId)).toEqual(kept);
  });
});
