import { describe, expect, it } from 'vitest';
import {
  channelsToSend,
  defaultPreferences,
  quietHoursEnd,
} from '../../functions/modules/notifications/domain/model.js';
import { checkInvariants, defaultChecks } from '../../scripts/invariants/check.js';
import { entityNames, type RawItem } from '../../scripts/invariants/snapshot.js';

/** Pure notification rules: quiet hours in a venue's time zone, channels to send, the outbox invariant. */

const berlin = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00' };

  it('span midnight when they start after they end, in the venue time zone', () => {
    // 23:30 in Berlin (winter, UTC+1) is 22:30 UTC: quiet until 07:00 Berlin the next day.
    expect(quietHoursEnd(at('2030-01-10T22:30:00Z'), berlin, night)).toBe(at('2030-01-11T06:00:00Z'));
    // 06:59 Berlin: quiet for one more minute.
    expect(quietHoursEnd(at('2030-01-11T05:59:00Z'), berlin, night)).toBe(at('2030-01-11T06:00:00Z'));
    // 07:00 and 21:59 Berlin: not quiet.
    expect(quietHoursEnd(at('2030-01-11T06:00:00Z'), berlin, night)).toBeNull();
    expect(quietHoursEnd(at('2030-01-11T20:59:00Z'), berlin, night)).toBeNull();
  });

  it('within one day, and follow daylight saving time (summer: UTC+2)', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietHoursEnd(at('2030-07-01T10:30:00Z'), berlin, lunch)).toBe(at('2030-07-01T12:00:00Z'));
    expect(quietHoursEnd(at('2030-07-01T12:00:00Z'), berlin, lunch)).toBeNull();
  });

  it('are none when absent or when start equals end', () => {
    expect(quietHoursEnd(at('2030-01-10T22:30:00Z'), berlin, null)).toBeNull();
    expect(quietHoursEnd(at('2030-01-10T22:30:00Z'), berlin, { start: '08:00', end: '08:00' })).toBeNull();
  });

  it('end at the first instant after a DST gap when they end inside it', () => {
    // 2030-03-31 02:00-03:00 does not exist in Berlin; quiet hours ending 02:30 end at 03:00 CEST.
    expect(quietHoursEnd(at('2030-03-31T00:30:00Z'), berlin, { start: '01:00', end: '02:30' })).toBe(
      at('2030-03-31T01:00:00Z'),
    );
  });
});

describe('channels to send', () => {
  it('sends on the chosen outbound channels not yet sent; in-app is the stored item', () => {
    expect(channelsToSend(defaultPreferences, [])).toEqual(['email']);
    expect(
      channelsToSend({ channels: ['email', 'sms', 'push', 'in_app'], quietHours: null }, ['email']),
    ).toEqual(['sms', 'push']);
    expect(channelsToSend({ channels: ['in_app'], quietHours: null }, [])).toEqual([]);
  });
});

describe('outbox invariant', () => {
  const now = new Date('2030-01-10T12:00:00Z');
  const item = (messageId: string, status: string, dueAt: string): RawItem => ({
    __edb_e__: entityNames.outbox,
    orgId: 'org_a',
    sessionId: 'ses_a',
    messageId,
    at: '2030-01-10T11:00:00.000Z',
    kind: 'notification',
    type: 'booking.confirmed',
    status,
    dueAt,
  });

  it('reports an item pending longer than the sweep interval past its due time, and nothing else', () => {
    const report = checkInvariants(
      [
        item('notify#old', 'pending', '2030-01-10T11:58:00.000Z'),
        item('notify#fresh', 'pending', '2030-01-10T11:59:30.000Z'),
        item('notify#deferred', 'pending', '2030-01-10T18:00:00.000Z'),
        item('notify#done', 'sent', 'none'),
      ],
      defaultChecks(now, 60_000),
    );
    expect(report.violations.map((v) => [v.check, v.detail.split(' ')[2]])).toEqual([
      ['outbox-not-stuck', '(notify#old)'],
    ]);
    expect(report.checks).toContain('outbox-not-stuck');
  });
});
