import { describe, expect, it } from 'vitest';
import { holdReminderAt } from '../../functions/modules/bookings/domain/model.js';

describe('when a hold is reminded of', () => {
  const held = (minutes: number) => ({
    status: 'held' as const,
    createdAt: '2026-11-23T20:00:00.000Z',
    holdExpiresAt: new Date(Date.parse('2026-11-23T20:00:00.000Z') + minutes * 60_000).toISOString(),
  });

  it('five minutes before the deadline of a hold of ten minutes or more', () => {
    expect(holdReminderAt(held(15))).toBe('2026-11-23T20:10:00.000Z');
    expect(holdReminderAt(held(10))).toBe('2026-11-23T20:05:00.000Z');
  });

  it('half-way through a shorter hold', () => {
    expect(holdReminderAt(held(4))).toBe('2026-11-23T20:02:00.000Z');
  });

  it('never for a booking that is not held', () => {
    expect(holdReminderAt({ ...held(15), status: 'confirmed' })).toBeNull();
    expect(holdReminderAt({ ...held(15), holdExpiresAt: null })).toBeNull();
  });
});
