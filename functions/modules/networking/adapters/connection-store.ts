import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import type { Connection } from '../domain/model.js';
import type { ConnectionStore } from '../domain/ports.js';
import { storedConnection, toConnection } from './connection-items.js';

/** Each side's copy of `c`, put (or overwritten) in the connection's transaction. */
const sidePuts = (tx: TxEntities, c: Connection): TxItem[] =>
  [c.requesterId, c.targetId].map((attendeeId) => ({
    label: `side:${attendeeId}`,
    write: tx.connectionSide.put({ ...storedConnection(c), attendeeId }).commit(),
  }));

export const dynamoConnectionStore = (service: EventlyService): ConnectionStore => {
  const { connection, connectionSide } = service.entities;

  return {
    async create(c) {
      // The connection first: it is the commit's fact (and the audit record's target).
      const { committed } = await commitTransaction(service, (tx) => [
        { label: 'connection', write: tx.connection.create(storedConnection(c)).commit(), fails: 'refused' },
        ...sidePuts(tx, c),
      ]);
      return committed;
    },

    async get(orgId, eventId, connectionId) {
      const { data } = await connection.get({ orgId, eventId, connectionId }).go({ consistent: true });
      return data ? toConnection(data) : undefined;
    },

    async replace(current, next) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'connection',
          write: tx.connection
            .put(storedConnection(next))
            .where((a, { eq }) => `${eq(a.status, current.status)} AND ${eq(a.updatedAt, current.updatedAt)}`)
            .commit(),
          fails: 'refused',
        },
        ...sidePuts(tx, next),
      ]);
      return committed;
    },

    listOf: (orgId, eventId, attendeeId, status, page) =>
      queryPage(
        `connections:${orgId}:${eventId}:${attendeeId}:${status ?? ''}`,
        page,
        (opts) =>
          connectionSide.query
            .byAttendee({ orgId, eventId, attendeeId })
            .where((a, { eq }) => (status ? eq(a.status, status) : ''))
            .go(opts),
        ({ attendeeId: _side, ...item }) => toConnection(item),
      ),

    listByEvent: (orgId, eventId, status, page) =>
      queryPage(
        `event-connections:${orgId}:${eventId}:${status ?? ''}`,
        page,
        (opts) =>
          connection.query
            .byEvent({ orgId, eventId })
            .where((a, { eq }) => (status ? eq(a.status, status) : ''))
            .go(opts),
        toConnection,
      ),

    async purgeEvent(orgId, eventId, limit) {
      // Sides first, the connection last: a step cut short leaves the connection to find its sides by.
      const { data } = await connection.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'connectionId', 'requesterId', 'targetId'] });
      await Promise.all(
        data.map(async (c) => {
          await Promise.all(
            [c.requesterId, c.targetId].map((attendeeId) =>
              connectionSide.delete({ orgId, eventId, attendeeId, connectionId: c.connectionId }).go(),
            ),
          );
          await connection.delete({ orgId, eventId, connectionId: c.connectionId }).go();
        }),
      );
      return data.length;
    },
  };
};
