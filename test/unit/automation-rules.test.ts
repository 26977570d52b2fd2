import { describe, expect, it } from 'vitest';
import { causationOf, loopReason } from '../../functions/modules/automations/domain/causation.js';
import {
  allHold,
  conditionIssues,
  fillTemplate,
  holds,
} from '../../functions/modules/automations/domain/conditions.js';
import type { Condition } from '../../functions/modules/automations/domain/model.js';

const booking = {
  bookingId: 'bkg_1',
  eventId: 'evt_1',
  sessionId: 'ses_1',
  status: 'confirmed',
  paymentStatus: 'paid',
  seats: 3,
  holder: { type: 'attendee', id: 'att_1' },
};

describe('automation conditions', () => {
  it.each<[Condition, boolean]>([
    [{ field: 'eventId', op: 'eq', value: 'evt_1' }, true],
    [{ field: 'eventId', op: 'eq', value: 'evt_2' }, false],
    [{ field: 'eventId', op: 'neq', value: 'evt_2' }, true],
    [{ field: 'seats', op: 'gte', value: 3 }, true],
    [{ field: 'seats', op: 'gte', value: 4 }, false],
    [{ field: 'seats', op: 'lte', value: 2 }, false],
    [{ field: 'holderType', op: 'in', value: ['party', 'attendee'] }, true],
    [{ field: 'paymentStatus', op: 'in', value: ['none'] }, false],
    // A field the data lacks never holds, whatever the operator.
    [{ field: 'amount', op: 'neq', value: 5 }, false],
  ])('%j holds: %s', (condition, expected) => {
    expect(holds(condition, booking)).toBe(expected);
  });

  it('needs every condition (none: every event)', () => {
    expect(allHold([], booking)).toBe(true);
    expect(
      allHold(
        [
          { field: 'seats', op: 'gte', value: 2 },
          { field: 'sessionId', op: 'eq', value: 'ses_9' },
        ],
        booking,
      ),
    ).toBe(false);
  });

  it('names the field of each condition its trigger cannot meet', () => {
    expect(
      conditionIssues('booking.confirmed', [
        { field: 'amount', op: 'gte', value: 100 },
        { field: 'eventId', op: 'gte', value: 1 },
        { field: 'seats', op: 'in', value: 2 },
        { field: 'seats', op: 'eq', value: 'two' },
        { field: 'seats', op: 'gte', value: 2 },
      ]).map((i) => i.field),
    ).toEqual(['conditions.0.field', 'conditions.1.op', 'conditions.2.value', 'conditions.3.value']);
    expect(conditionIssues('payment.received', [{ field: 'amount', op: 'gte', value: 100 }])).toEqual([]);
  });

  it('fills templates from the event data', () => {
    expect(fillTemplate('Call {{ holderType }} about {{bookingId}} ({{seats}}){{nope}}', booking)).toBe(
      'Call attendee about bkg_1 (3)',
    );
  });
});

describe('automation loops', () => {
  it('skips a workflow already in the chain, and any beyond the depth', () => {
    const first = causationOf({}, { workflowId: 'awf_a', runId: 'awr_1' });
    expect(first).toEqual({ workflowId: 'awf_a', runId: 'awr_1', depth: 1, chain: ['awf_a'] });
    expect(loopReason({ causedBy: first }, 'awf_a')).toBe('loop');
    expect(loopReason({ causedBy: first }, 'awf_b')).toBeNull();
    const third = causationOf(
      { causedBy: causationOf({ causedBy: first }, { workflowId: 'awf_b', runId: 'awr_2' }) },
      { workflowId: 'awf_c', runId: 'awr_3' },
    );
    expect(third.chain).toEqual(['awf_a', 'awf_b', 'awf_c']);
    expect(loopReason({ causedBy: third }, 'awf_b')).toBe('loop');
    expect(loopReason({ causedBy: third }, 'awf_d')).toBe('depth');
    expect(loopReason({}, 'awf_a')).toBeNull();
  });
});
