import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import {
  assertMayBook,
  assertVisible,
  needsPass,
} from '../../functions/modules/invitations/domain/eligibility.js';
import { assertGuestRules } from '../../functions/modules/invitations/domain/guest-rules.js';

/** The pure rules of who may book: guest rules, a private event's visibility, approval. */

const refusal = (f: () => void) => {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, details: err.details };
    throw err;
  }
  return undefined;
};

describe('guest rules', () => {
  const open = { plusOnes: true, allowedGenders: null };

  it('admit everyone by default', () => {
    expect(refusal(() => assertGuestRules(open, { places: 4, party: true, gender: null }))).toBeUndefined();
  });

  it('without plus-ones admit one place and no party', () => {
    const rules = { plusOnes: false, allowedGenders: null };
    expect(refusal(() => assertGuestRules(rules, { places: 1, party: false, gender: null }))).toBeUndefined();
    expect(refusal(() => assertGuestRules(rules, { places: 2, party: false, gender: null }))).toMatchObject({
      code: 'GUEST_RULE',
      details: { rule: 'plusOnes', places: 2 },
    });
    // A party of one is still a party.
    expect(refusal(() => assertGuestRules(rules, { places: 1, party: true, gender: null }))).toMatchObject({
      details: { rule: 'plusOnes' },
    });
  });

  it('with allowed genders admit only a declared one of them', () => {
    const rules = { plusOnes: true, allowedGenders: ['female', 'non_binary'] };
    expect(
      refusal(() => assertGuestRules(rules, { places: 1, party: false, gender: 'female' })),
    ).toBeUndefined();
    expect(refusal(() => assertGuestRules(rules, { places: 1, party: false, gender: 'male' }))).toMatchObject(
      {
        code: 'GUEST_RULE',
        details: { rule: 'allowedGenders', allowedGenders: ['female', 'non_binary'] },
      },
    );
    expect(refusal(() => assertGuestRules(rules, { places: 1, party: false, gender: null }))).toMatchObject({
      details: { rule: 'allowedGenders' },
    });
  });

  it('name plus-ones first when both refuse', () => {
    const rules = { plusOnes: false, allowedGenders: ['female'] };
    expect(refusal(() => assertGuestRules(rules, { places: 3, party: false, gender: 'male' }))).toMatchObject(
      {
        details: { rule: 'plusOnes' },
      },
    );
  });
});

describe('eligibility', () => {
  const pass = { source: 'invite' as const, skipApproval: false, unlocksCategoryIds: [] };
  const stranger = { staff: false, member: false, pass: undefined };

  it('hides a private event from strangers as a missing one, not as forbidden', () => {
    const event = { visibility: 'private' as const, admission: 'open' as const };
    expect(refusal(() => assertMayBook(event, stranger, 'session'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(() => assertVisible(event, stranger, 'session'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(() => assertMayBook(event, { ...stranger, pass }, 'session'))).toBeUndefined();
    expect(refusal(() => assertMayBook(event, { ...stranger, member: true }, 'session'))).toBeUndefined();
    expect(refusal(() => assertMayBook(event, { ...stranger, staff: true }, 'session'))).toBeUndefined();
  });

  it('books an approval event only with a pass that skips approval (or as staff)', () => {
    const event = { visibility: 'public' as const, admission: 'approval' as const };
    expect(refusal(() => assertMayBook(event, stranger, 'session'))).toMatchObject({
      code: 'APPROVAL_REQUIRED',
    });
    expect(refusal(() => assertMayBook(event, { ...stranger, pass }, 'session'))).toMatchObject({
      code: 'APPROVAL_REQUIRED',
    });
    const skipping = { ...pass, skipApproval: true };
    expect(refusal(() => assertMayBook(event, { ...stranger, pass: skipping }, 'session'))).toBeUndefined();
    expect(refusal(() => assertMayBook(event, { ...stranger, staff: true }, 'session'))).toBeUndefined();
  });

  it('reads a pass only for events that need one', () => {
    expect(needsPass({ visibility: 'public', admission: 'open' })).toBe(false);
    expect(needsPass({ visibility: 'private', admission: 'open' })).toBe(true);
    expect(needsPass({ visibility: 'public', admission: 'approval' })).toBe(true);
  });
});
