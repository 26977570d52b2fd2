import type { AuditChange } from './audit-item.js';
import { auditChainEntityName, auditRecordEntityName } from './audit-item.js';

/**
 * What one write (or one transaction) changed, read from the DynamoDB request itself: the entity
 * of each item (`__edb_e__`, which ElectroDB and the hand-built writes put on every item), its
 * organization, id and the names of the attributes written. Items arrive in the document client's
 * form (plain values) or in the wire form (`{ S: ... }`); both read the same.
 */

/** One item a write touches. */
export interface Touched {
  entity: string | undefined;
  orgId: string | undefined;
  targetId: string | undefined;
  change: AuditChange['change'];
  fields: string[];
  /** Every string the write gives its item: whether the commit touches a request's subject. */
  values: string[];
}

/**
 * Entities that are the bookkeeping of a change rather than a change of their own (counters and
 * their claims, uniqueness markers, listings kept beside their event, the outbox, the audit
 * itself, run records): a write of only these writes no record, and a commit's record names its
 * first other item as its target.
 */
export const bookkeepingEntities: ReadonlySet<string> = new Set([
  auditRecordEntityName,
  auditChainEntityName,
  'idempotency',
  'outbox',
  'sessionCounter',
  'sessionCounterShard',
  'sessionClaim',
  'holderCount',
  'categoryCounter',
  // The version of an event's set of categories, moved with each category change.
  'categorySet',
  'eventListing',
  // The discovery index entry kept beside its event (docs/discovery.md).
  'discoveryItem',
  'attendeeUnique',
  'waitlistMeta',
  'waitlistHolder',
  'roomSlot',
  'roomVersion',
  'joinRequestHolder',
  // A feedback's giver mark and its scope's totals follow from the feedback (the fact).
  'feedbackGiver',
  'feedbackTotals',
  // An analytics snapshot is figures computed from the facts, rewritten whole by each refresh.
  'analyticsSnapshot',
  'promoUse',
  'nightlyRun',
  'nightlyChunk',
  'localDelivery',
  'localSchedule',
  'localEvent',
  // A webhook delivery and its lane are the log of sending a fact, not a fact (a subscription is).
  'webhookDelivery',
  // A deletion's job record follows from the change that asked for it.
  'deletion',
  // An event's task graph head: the version its tasks' structural writes move (the task is the fact).
  'taskGraph',
  // The claim of a campaign's tracking code: a uniqueness marker of the campaign (the fact).
  'trackingCodeClaim',
]);

/** An item's key and ElectroDB attributes: not fields a change writes. */
export const keyAttributes: ReadonlySet<string> = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  '__edb_e__',
  '__edb_v__',
]);

type Value = unknown;
type Item = Record<string, Value>;

/** A string in either form. */
export const text = (value: Value): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'S' in value) {
    const s = (value as { S?: unknown }).S;
    return typeof s === 'string' ? s : undefined;
  }
  return undefined;
};

const orgOfKey = (key: Item | undefined): string | undefined => {
  const pk = text(key?.pk);
  const head = pk?.split('#')[0];
  return head?.startsWith('org_') ? head : undefined;
};

/** The id of an item: `<entity>Id`, an organization's own id, or its sort key. */
const idOf = (
  entity: string | undefined,
  read: (name: string) => string | undefined,
  key: Item | undefined,
) =>
  (entity ? read(`${entity}Id`) : undefined) ??
  (entity === 'organization' ? read('orgId') : undefined) ??
  text(key?.sk);

const stringsOf = (values: readonly Value[]): string[] =>
  values.flatMap((v) => {
    const s = text(v);
    return s === undefined ? [] : [s];
  });

const fieldsOf = (names: Iterable<string>): string[] =>
  [...new Set([...names].filter((n) => !keyAttributes.has(n)))].sort();

/**
 * A put creates its item when its condition says none was there, replaces it when its condition
 * reads the one there, and otherwise writes it whichever was there.
 */
const putChange = (condition: string | undefined): Touched['change'] => {
  if (!condition) return 'written';
  return /attribute_not_exists\(#?pk\)/.test(condition) ? 'created' : 'updated';
};

export const touchedByPut = (item: Item, condition?: string): Touched => {
  const entity = text(item.__edb_e__);
  const read = (name: string) => text(item[name]);
  return {
    entity,
    orgId: read('orgId') ?? orgOfKey(item),
    targetId: idOf(entity, read, item),
    change: putChange(condition),
    fields: fieldsOf(Object.keys(item)),
    values: stringsOf(Object.values(item)),
  };
};

export interface UpdateInput {
  Key?: Item | undefined;
  UpdateExpression?: string | undefined;
  ExpressionAttributeNames?: Record<string, string> | undefined;
  ExpressionAttributeValues?: Item | undefined;
}

/** The value an update sets `name` to (ElectroDB names its values `:<name>_u<n>`). */
const setValue = (input: UpdateInput, name: string): string | undefined => {
  const values = input.ExpressionAttributeValues ?? {};
  const prefix = `:${name}_u`;
  const found = Object.keys(values).find((k) => k.startsWith(prefix) || k === `:${name}`);
  return found ? text(values[found]) : undefined;
};

/** The attribute names an update expression writes (conditions' names are not its fields). */
const namesWritten = (input: UpdateInput): string[] => {
  const expression = input.UpdateExpression ?? '';
  const aliases = input.ExpressionAttributeNames ?? {};
  return Object.entries(aliases)
    .filter(([alias]) => new RegExp(`${alias.replace(/[$]/g, '\\$&')}(?![\\w])`).test(expression))
    .map(([, name]) => name);
};

export const touchedByUpdate = (input: UpdateInput): Touched => {
  const entity = setValue(input, '__edb_e__');
  const read = (name: string) => setValue(input, name) ?? text(input.Key?.[name]);
  // ElectroDB sets an item's own ids again on every update: they are not what changed.
  const identity = new Set(['orgId', `${entity}Id`]);
  return {
    entity,
    orgId: read('orgId') ?? orgOfKey(input.Key),
    targetId: idOf(entity, read, input.Key),
    change: 'updated',
    fields: fieldsOf(namesWritten(input).filter((name) => !identity.has(name))),
    values: stringsOf([
      ...Object.values(input.ExpressionAttributeValues ?? {}),
      ...Object.values(input.Key ?? {}),
    ]),
  };
};

/** A deleted item, as read before the delete (undefined when there was none). */
export const touchedByDelete = (key: Item, before: Item | undefined): Touched => {
  const seen = before ?? key;
  const entity = text(seen.__edb_e__);
  const read = (name: string) => text(seen[name]);
  return {
    entity,
    orgId: read('orgId') ?? orgOfKey(key),
    targetId: idOf(entity, read, key),
    change: 'deleted',
    fields: [],
    values: stringsOf(Object.values(seen)),
  };
};

export const isFact = (t: Touched): boolean => !t.entity || !bookkeepingEntities.has(t.entity);

/**
 * Entities each commit of which is a change of its own even inside one request: the scans of an
 * offline upload (each admits or refuses one ticket).
 */
const eachCommitRecorded: ReadonlySet<string> = new Set(['checkinScan']);

/** Whether a commit of `scope` that makes `change` over `items` writes its record now. */
export const recordsNow = (
  scope: { once: boolean; recorded: boolean; subject?: string | undefined },
  change: AuditChange,
  items: readonly Touched[],
): boolean => {
  if (!scope.once || eachCommitRecorded.has(change.targetType)) return true;
  if (scope.recorded) return false;
  // Ids a path names may differ in case from the stored ones (promo codes are kept upper case).
  const subject = scope.subject?.toLowerCase();
  return !subject || items.some((t) => t.values.some((v) => v.toLowerCase() === subject));
};

/**
 * The record of a commit that touched `items`: its first fact is the target, the others are named
 * by kind. Undefined when it changed no fact, or no organization's (a user's own items).
 */
export const changeOf = (
  items: readonly Touched[],
  details?: string,
  anyKind = false,
): AuditChange | undefined => {
  const target = anyKind ? items[0] : items.find(isFact);
  if (!target?.orgId) return undefined;
  const also = [
    ...new Set(
      items.filter((t) => t !== target && t.entity !== auditRecordEntityName).map((t) => t.entity ?? 'item'),
    ),
  ].sort();
  return {
    orgId: target.orgId,
    targetType: target.entity ?? 'item',
    targetId: target.targetId ?? 'unknown',
    change: target.change,
    fields: target.fields,
    also,
    details,
  };
};
