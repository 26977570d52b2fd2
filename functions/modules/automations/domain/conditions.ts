import { type FieldIssue, validationFailed } from '../../../kernel/domain/errors.js';
import { type Condition, type ConditionField, conditionFields, type TriggerType } from './model.js';

/**
 * Conditions on an event's data (docs/automations.md, "Conditions"): pure. Each trigger's data has
 * some of the fields; a workflow naming one its trigger lacks is refused when it is saved, so a
 * condition never silently fails to match.
 */

const booking: readonly ConditionField[] = [
  'eventId',
  'sessionId',
  'bookingId',
  'status',
  'paymentStatus',
  'holderType',
  'seats',
];
const payment: readonly ConditionField[] = [
  'eventId',
  'sessionId',
  'bookingId',
  'amount',
  'currency',
  'provider',
];

export const fieldsOf: Record<TriggerType, readonly ConditionField[]> = {
  'booking.confirmed': booking,
  'booking.cancelled': booking,
  'booking.expired': booking,
  'waitlist.offered': ['eventId', 'sessionId', 'bookingId', 'holderType', 'seats'],
  'payment.received': payment,
  'payment.refunded': payment,
  'ticket.checked_in': ['sessionId', 'bookingId', 'gate', 'entries'],
  'session.cancelled': ['sessionId'],
};

/** The value of `field` in an event's data; undefined when the data has none. */
export const fieldValue = (data: Record<string, unknown>, field: ConditionField): unknown => {
  if (field === 'holderType') {
    const holder = data.holder as { type?: unknown } | undefined;
    return holder?.type;
  }
  return data[field];
};

const scalar = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

export const holds = (c: Condition, data: Record<string, unknown>): boolean => {
  const actual = fieldValue(data, c.field);
  if (!scalar(actual)) return false;
  switch (c.op) {
    case 'eq':
      return actual === c.value;
    case 'neq':
      return actual !== c.value;
    case 'gte':
      return typeof actual === 'number' && typeof c.value === 'number' && actual >= c.value;
    case 'lte':
      return typeof actual === 'number' && typeof c.value === 'number' && actual <= c.value;
    case 'in':
      return Array.isArray(c.value) && c.value.includes(actual);
  }
};

export const allHold = (conditions: readonly Condition[], data: Record<string, unknown>): boolean =>
  conditions.every((c) => holds(c, data));

/** The issues of a workflow's conditions for its trigger: each names its field path. */
export const conditionIssues = (trigger: TriggerType, conditions: readonly Condition[]): FieldIssue[] =>
  conditions.flatMap((c, i): FieldIssue[] => {
    const at = `conditions.${i}`;
    if (!fieldsOf[trigger].includes(c.field))
      return [{ field: `${at}.field`, message: `${trigger} has no ${c.field}` }];
    const numeric = conditionFields[c.field] === 'number';
    const values = Array.isArray(c.value) ? c.value : [c.value];
    if ((c.op === 'gte' || c.op === 'lte') && !numeric)
      return [{ field: `${at}.op`, message: `${c.op} compares numbers, and ${c.field} is not one` }];
    if (c.op === 'in' ? !Array.isArray(c.value) : Array.isArray(c.value))
      return [{ field: `${at}.value`, message: c.op === 'in' ? 'must be a list' : 'must be a single value' }];
    if (values.some((v) => typeof v !== (numeric ? 'number' : 'string')))
      return [{ field: `${at}.value`, message: `must be ${numeric ? 'a number' : 'text'} for ${c.field}` }];
    return [];
  });

export const assertConditions = (trigger: TriggerType, conditions: readonly Condition[]): void => {
  const issues = conditionIssues(trigger, conditions);
  if (issues.length > 0) throw validationFailed(issues);
};

/** `{{field}}` in a template becomes the event's value of that field (empty when it has none). */
export const fillTemplate = (template: string, data: Record<string, unknown>): string =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = Object.hasOwn(conditionFields, name) ? fieldValue(data, name as ConditionField) : undefined;
    return scalar(value) ? String(value) : '';
  });
