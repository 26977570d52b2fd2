import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One audited change: who (`actor*`), what (`action`, the target, the names of the fields it
 * changed, never their values, and the other kinds of items the same commit changed), when
 * (`at`), and the request or job it came from. Written in the transaction of the change
 * (kernel/audit/audited-writes.ts), never by the store that made it; it outlives its target (no
 * cascade deletes it) until the tenant's retention (`ttl`) ends.
 *
 * `seq`, `prevId`, `prevHash` and `hash` are its link in the hash chain of its organization, UTC
 * day and chain (`chain`, 0..3, from the record id): written by the chain sealer after the
 * commit (modules/audit/domain/audit-chain.ts), never by the writer of the change, so that writes
 * of one organization share no item.
 *
 * Key templates (pk/sk, gsi2, gsi3):
 * - table: pk `${orgId}#audit#target#${targetType}#${targetId}`  sk `${at}#${recordId}`
 * - gsi2:  pk `${orgId}#audit#day#${day}#${chain}`               sk `${at}#${recordId}`
 * - gsi3:  pk `${orgId}#audit#actor#${actorId}`                  sk `${at}#${recordId}`
 */
export const auditRecordEntity = new Entity({
  model: { ...entityBase, entity: 'auditRecord' },
  attributes: {
    ...fixedStrings(
      'orgId',
      'recordId',
      'at',
      'day',
      'chain',
      'actorType',
      'actorId',
      'action',
      'targetType',
      'targetId',
      'change',
    ),
    actorRole: { type: 'string', readOnly: true },
    requestId: { type: 'string', readOnly: true },
    fields: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
    also: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
    /** JSON of facts the change's owner adds (a booking step's from, to and reason). */
    details: { type: 'string', readOnly: true },
    ttl: { type: 'number', required: true, readOnly: true },
    seq: { type: 'number' },
    prevId: { type: 'string' },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
  indexes: {
    byTarget: {
      pk: key('pk', ['orgId', 'targetType', 'targetId'], '${orgId}#audit#target#${targetType}#${targetId}'),
      sk: key('sk', ['at', 'recordId'], '${at}#${recordId}'),
    },
    byDay: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId', 'day', 'chain'], '${orgId}#audit#day#${day}#${chain}'),
      sk: key('gsi2sk', ['at', 'recordId'], '${at}#${recordId}'),
    },
    byActor: {
      index: 'gsi3',
      pk: key('gsi3pk', ['orgId', 'actorId'], '${orgId}#audit#actor#${actorId}'),
      sk: key('gsi3sk', ['at', 'recordId'], '${at}#${recordId}'),
    },
  },
});

/**
 * The head of one hash chain (organization, UTC day, chain): the last sealed record's sequence
 * number, id and hash. The sealer moves it on in the transaction that seals records, on
 * condition that it still holds what it read; verification compares the chain's end with it.
 *
 * Key template: pk `${orgId}#audit#chains#${day}`  sk `${chain}`
 */
export const auditChainEntity = new Entity({
  model: { ...entityBase, entity: 'auditChain' },
  attributes: {
    ...fixedStrings('orgId', 'day', 'chain'),
    seq: { type: 'number', required: true },
    lastId: { type: 'string', required: true },
    hash: { type: 'string', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byDay: {
      pk: key('pk', ['orgId', 'day'], '${orgId}#audit#chains#${day}'),
      sk: key('sk', ['chain'], '${chain}'),
    },
  },
});
