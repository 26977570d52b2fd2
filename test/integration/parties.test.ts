import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { deleteAttendee, getAttendee } from '../../functions/modules/people/domain/attendees.js';
import { maxPartySize } from '../../functions/modules/people/domain/model.js';
import {
  addPartyMember,
  createParty,
  deleteParty,
  getParty,
  listParties,
  listPartyMembers,
  removePartyMember,
  updateParty,
} from '../../functions/modules/people/domain/parties.js';
import { freshContainer, user } from './fixtures.js';
import { newAttendee, newOrg, partitionKeysOf } from './people-fixtures.js';

describe('parties against DynamoDB Local', () => {
  let c: Container & { tableName: string };
  beforeAll(async () => {
    c = await freshContainer();
  });

  const root = user('root');
  const people = (orgId: string, n: number) =>
    Promise.all(Array.from({ length: n }, () => newAttendee(c, orgId)));
  const partyOf = async (orgId: string, attendeeId: string) =>
    (await getAttendee(c.deps, root, orgId, attendeeId)).partyId;

  it('creates a party whose members all carry its id, and lists it and its members', async () => {
    const orgId = await newOrg(c);
    const [lead, a, b] = await people(orgId, 3);
    const party = await createParty(c.deps, root, orgId, {
      name: 'Family',
      leaderId: lead!.attendeeId,
      memberIds: [a!.attendeeId, b!.attendeeId, lead!.attendeeId],
    });
    expect(party).toMatchObject({
      leaderId: lead!.attendeeId,
      memberIds: [lead!, a!, b!].map((x) => x.attendeeId),
    });
    expect(await getParty(c.deps, root, orgId, party.partyId)).toEqual(party);
    for (const x of [lead!, a!, b!]) expect(await partyOf(orgId, x.attendeeId)).toBe(party.partyId);
    const members = await listPartyMembers(c.deps, root, orgId, party.partyId);
    expect(members.map((m) => m.attendeeId)[0]).toBe(lead!.attendeeId);
    expect(members).toHaveLength(3);

    const [other] = await people(orgId, 1);
    const second = await createParty(c.deps, root, orgId, { name: 'Solo', leaderId: other!.attendeeId });
    const first = await listParties(c.deps, root, orgId, { limit: 1 });
    const rest = await listParties(c.deps, root, orgId, { limit: 1, cursor: first.nextCursor ?? undefined });
    expect([...first.items, ...rest.items].map((p) => p.partyId).sort()).toEqual(
      [party.partyId, second.partyId].sort(),
    );
    await expect(getParty(c.deps, root, orgId, 'pty_00000000000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps exactly one leader, who is a member', async () => {
    const orgId = await newOrg(c);
    const [lead, a, outsider] = await people(orgId, 3);
    const party = await createParty(c.deps, root, orgId, {
      name: 'Team',
      leaderId: lead!.attendeeId,
      memberIds: [a!.attendeeId],
    });
    await expect(
      removePartyMember(c.deps, root, orgId, party.partyId, lead!.attendeeId, undefined),
    ).rejects.toMatchObject({ code: 'PARTY_LEADER_REQUIRED', details: { partyId: party.partyId } });
    await expect(
      updateParty(c.deps, root, orgId, party.partyId, { leaderId: outsider!.attendeeId }),
    ).rejects.toMatchObject({ code: 'NOT_IN_PARTY' });
    await expect(
      removePartyMember(c.deps, root, orgId, party.partyId, lead!.attendeeId, outsider!.attendeeId),
    ).rejects.toMatchObject({ code: 'NOT_IN_PARTY' });

    const handed = await removePartyMember(
      c.deps,
      root,
      orgId,
      party.partyId,
      lead!.attendeeId,
      a!.attendeeId,
    );
    expect(handed).toMatchObject({ leaderId: a!.attendeeId, memberIds: [a!.attendeeId] });
    expect(await partyOf(orgId, lead!.attendeeId)).toBeNull();

    const empty = await removePartyMember(c.deps, root, orgId, party.partyId, a!.attendeeId, undefined);
    expect(empty).toMatchObject({ leaderId: null, memberIds: [] });
    const refilled = await addPartyMember(c.deps, root, orgId, party.partyId, {
      attendeeId: lead!.attendeeId,
    });
    expect(refilled).toMatchObject({ leaderId: lead!.attendeeId, memberIds: [lead!.attendeeId] });
    const taken = await addPartyMember(c.deps, root, orgId, party.partyId, {
      attendeeId: outsider!.attendeeId,
      leader: true,
    });
    expect(taken).toMatchObject({ leaderId: outsider!.attendeeId });
    const renamed = await updateParty(c.deps, root, orgId, party.partyId, {
      name: 'Renamed',
      leaderId: lead!.attendeeId,
    });
    expect(renamed).toMatchObject({ name: 'Renamed', leaderId: lead!.attendeeId });
    expect(await getParty(c.deps, root, orgId, party.partyId)).toEqual(renamed);
  });

  it('puts an attendee in at most one party, also when added to two at once', async () => {
    const orgId = await newOrg(c);
    const [l1, l2, x] = await people(orgId, 3);
    const p1 = await createParty(c.deps, root, orgId, { name: 'One', leaderId: l1!.attendeeId });
    const p2 = await createParty(c.deps, root, orgId, { name: 'Two', leaderId: l2!.attendeeId });
    const results = await Promise.allSettled(
      [p1, p2].map((p) => addPartyMember(c.deps, root, orgId, p.partyId, { attendeeId: x!.attendeeId })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const holder = await partyOf(orgId, x!.attendeeId);
    const loser = holder === p1.partyId ? p2 : p1;
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'ALREADY_IN_PARTY', details: { partyId: holder } },
    });
    expect((await getParty(c.deps, root, orgId, holder!)).memberIds).toContain(x!.attendeeId);
    expect((await getParty(c.deps, root, orgId, loser.partyId)).memberIds).not.toContain(x!.attendeeId);
    await expect(
      createParty(c.deps, root, orgId, { name: 'Three', leaderId: x!.attendeeId }),
    ).rejects.toMatchObject({ code: 'ALREADY_IN_PARTY', details: { partyId: holder } });
    await expect(
      addPartyMember(c.deps, root, orgId, p1.partyId, { attendeeId: 'att_00000000000000000000' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds different attendees to one party at once without losing any', async () => {
    const orgId = await newOrg(c);
    const [lead, ...joiners] = await people(orgId, 5);
    const party = await createParty(c.deps, root, orgId, { name: 'Crowd', leaderId: lead!.attendeeId });
    await Promise.all(
      joiners.map((j) => addPartyMember(c.deps, root, orgId, party.partyId, { attendeeId: j.attendeeId })),
    );
    const after = await getParty(c.deps, root, orgId, party.partyId);
    expect(after.memberIds.sort()).toEqual([lead!, ...joiners].map((a) => a.attendeeId).sort());
    for (const j of joiners) expect(await partyOf(orgId, j.attendeeId)).toBe(party.partyId);
  });

  it(`refuses a member beyond ${maxPartySize}`, async () => {
    const orgId = await newOrg(c);
    const [lead, ...rest] = await people(orgId, maxPartySize + 1);
    const full = await createParty(c.deps, root, orgId, {
      name: 'Full',
      leaderId: lead!.attendeeId,
      memberIds: rest.slice(0, maxPartySize - 1).map((a) => a.attendeeId),
    });
    expect(full.memberIds).toHaveLength(maxPartySize);
    const last = rest[maxPartySize - 1]!;
    await expect(
      addPartyMember(c.deps, root, orgId, full.partyId, { attendeeId: last.attendeeId }),
    ).rejects.toMatchObject({ code: 'PARTY_FULL' });
    expect(await partyOf(orgId, last.attendeeId)).toBeNull();
  });

  it('deleting a party leaves its attendees in place, without a party', async () => {
    const orgId = await newOrg(c);
    const [lead, a] = await people(orgId, 2);
    const party = await createParty(c.deps, root, orgId, {
      name: 'Gone',
      leaderId: lead!.attendeeId,
      memberIds: [a!.attendeeId],
    });
    await deleteParty(c.deps, root, orgId, party.partyId);
    await expect(getParty(c.deps, root, orgId, party.partyId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const x of [lead!, a!])
      expect(await getAttendee(c.deps, root, orgId, x.attendeeId)).toMatchObject({
        partyId: null,
      });
    const again = await createParty(c.deps, root, orgId, { name: 'Again', leaderId: a!.attendeeId });
    expect(again.memberIds).toEqual([a!.attendeeId]);
  });

  it('deleting an attendee takes them out of their party, but not a leader with others left', async () => {
    const orgId = await newOrg(c);
    const [lead, a] = await people(orgId, 2);
    const party = await createParty(c.deps, root, orgId, {
      name: 'Pair',
      leaderId: lead!.attendeeId,
      memberIds: [a!.attendeeId],
    });
    await expect(deleteAttendee(c.deps, root, orgId, lead!.attendeeId)).rejects.toMatchObject({
      code: 'PARTY_LEADER_REQUIRED',
      details: { partyId: party.partyId },
    });
    await deleteAttendee(c.deps, root, orgId, a!.attendeeId);
    expect(await getParty(c.deps, root, orgId, party.partyId)).toMatchObject({
      memberIds: [lead!.attendeeId],
    });
    // The last member, leader or not, may go: the party stays, empty.
    await deleteAttendee(c.deps, root, orgId, lead!.attendeeId);
    expect(await getParty(c.deps, root, orgId, party.partyId)).toMatchObject({
      memberIds: [],
      leaderId: null,
    });
  });

  it('lets only front-of-house roles touch parties', async () => {
    const orgId = await newOrg(c);
    await expect(listParties(c.deps, user('stranger'), orgId, { limit: 5 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('purges an organization in batches, keeping keys under the organization', async () => {
    const orgId = await newOrg(c);
    const leads = await people(orgId, 3);
    await Promise.all(
      leads.map((l, i) => createParty(c.deps, root, orgId, { name: `P${i}`, leaderId: l.attendeeId })),
    );
    expect(
      (await partitionKeysOf(c.tableName, orgId)).filter((pk) => pk === `${orgId}#parties`),
    ).toHaveLength(3);
    expect(await c.deps.parties.purgeOrg(orgId, 2)).toBe(2);
    expect(await c.deps.parties.purgeOrg(orgId, 2)).toBe(1);
    expect(await c.deps.parties.purgeOrg(orgId, 2)).toBe(0);
    expect((await listParties(c.deps, root, orgId, { limit: 10 })).items).toEqual([]);
  });
});
