import { describe, expect, it } from 'vitest';
import {
  maxPartySize,
  type Party,
  withLeader,
  withMember,
  withoutMember,
} from '../../functions/modules/people/domain/model.js';

const at = '2026-01-01T00:00:00.000Z';
const party = (memberIds: string[], leaderId: string | null = memberIds[0] ?? null): Party => ({
  orgId: 'org_x',
  partyId: 'pty_x',
  name: 'P',
  leaderId,
  memberIds,
  version: 3,
  createdAt: at,
  updatedAt: at,
});

describe('party rules', () => {
  it('makes the first member of an empty party its leader', () => {
    expect(withMember(party([]), 'a', false, at)).toMatchObject({ memberIds: ['a'], leaderId: 'a' });
    expect(withMember(party(['a']), 'b', false, at)).toMatchObject({ memberIds: ['a', 'b'], leaderId: 'a' });
    expect(withMember(party(['a']), 'b', true, at)).toMatchObject({ leaderId: 'b' });
  });

  it('leaves the party as it is when nothing changes', () => {
    const p = party(['a', 'b']);
    expect(withMember(p, 'b', false, at)).toBe(p);
    expect(withoutMember(p, 'z', undefined, at)).toBe(p);
    expect(withLeader(p, 'a', at)).toBe(p);
  });

  it(`refuses member ${maxPartySize + 1}`, () => {
    const full = party(Array.from({ length: maxPartySize }, (_, i) => `m${i}`));
    expect(() => withMember(full, 'extra', false, at)).toThrow(
      expect.objectContaining({ code: 'PARTY_FULL' }),
    );
  });

  it('lets the leader leave only with a successor among the members, or as the last one', () => {
    const p = party(['a', 'b', 'c']);
    expect(() => withoutMember(p, 'a', undefined, at)).toThrow(
      expect.objectContaining({ code: 'PARTY_LEADER_REQUIRED' }),
    );
    expect(() => withoutMember(p, 'a', 'z', at)).toThrow(expect.objectContaining({ code: 'NOT_IN_PARTY' }));
    expect(() => withoutMember(p, 'a', 'a', at)).toThrow(expect.objectContaining({ code: 'NOT_IN_PARTY' }));
    expect(withoutMember(p, 'a', 'c', at)).toMatchObject({ memberIds: ['b', 'c'], leaderId: 'c' });
    expect(withoutMember(p, 'b', undefined, at)).toMatchObject({ memberIds: ['a', 'c'], leaderId: 'a' });
    expect(withoutMember(party(['a']), 'a', undefined, at)).toMatchObject({ memberIds: [], leaderId: null });
  });

  it('hands the lead only to a member', () => {
    expect(withLeader(party(['a', 'b']), 'b', at)).toMatchObject({ leaderId: 'b' });
    expect(() => withLeader(party(['a']), 'z', at)).toThrow(
      expect.objectContaining({ code: 'NOT_IN_PARTY' }),
    );
  });
});
