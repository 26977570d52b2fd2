import type { EntityItem } from 'electrodb';
import type { Connection } from '../domain/model.js';
import type { connectionEntity } from './entities/connection.js';

/** Between a connection and its items: null fields left out, the meeting stored flattened. */

type ConnectionItem = EntityItem<typeof connectionEntity>;

export const storedConnection = (c: Connection): ConnectionItem => ({
  orgId: c.orgId,
  eventId: c.eventId,
  connectionId: c.connectionId,
  requesterId: c.requesterId,
  targetId: c.targetId,
  type: c.type,
  status: c.status,
  ...(c.message === null ? {} : { message: c.message }),
  ...(c.meeting === null ? {} : { meetingAt: c.meeting.at, meetingPlace: c.meeting.place }),
  ...(c.blockedBy === null ? {} : { blockedBy: c.blockedBy }),
  requestedBy: c.requestedBy,
  ...(c.answeredAt === null ? {} : { answeredAt: c.answeredAt }),
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const toConnection = (item: ConnectionItem): Connection => ({
  orgId: item.orgId,
  eventId: item.eventId,
  connectionId: item.connectionId,
  requesterId: item.requesterId,
  targetId: item.targetId,
  type: item.type,
  status: item.status,
  message: item.message ?? null,
  meeting:
    item.meetingAt !== undefined && item.meetingPlace !== undefined
      ? { at: item.meetingAt, place: item.meetingPlace }
      : null,
  blockedBy: item.blockedBy ?? null,
  requestedBy: item.requestedBy,
  answeredAt: item.answeredAt ?? null,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
});
