import { DomainError } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import { notificationRecord } from '../../notifications/index.js';
import type { Task } from '../domain/model.js';
import type { TaskStore } from '../domain/ports.js';
import { storedTask, toTask } from './task-items.js';

type EventKey = Pick<Task, 'orgId' | 'eventId'>;

const eventDeleting = () => new DomainError('EVENT_DELETING', 'the event is being deleted');

/** In the transaction of every new task: a task put beside an event whose cascade already ran would be orphaned. */
const eventLive = (tx: TxEntities, at: EventKey, fails: TxItem['fails']): TxItem<'event'> => ({
  label: 'event',
  write: tx.event
    .check({ orgId: at.orgId, eventId: at.eventId })
    .where(({ deleting }, { eq }) => eq(deleting, false))
    .commit(),
  fails,
});

/** The graph head moved on from `version` (created at 1 from none), or refused if it is elsewhere. */
const graphMoved = (tx: TxEntities, at: EventKey, version: number): TxItem<'graph'> => ({
  label: 'graph',
  write:
    version === 0
      ? tx.taskGraph.create({ orgId: at.orgId, eventId: at.eventId, version: 1 }).commit()
      : tx.taskGraph
          .patch({ orgId: at.orgId, eventId: at.eventId })
          .set({ version: version + 1 })
          .where((a, { eq }) => eq(a.version, version))
          .commit(),
  fails: 'refused',
});

/** Reminders live in the outbox partition named after the event (a session's are after the session). */
const reminderKey = (t: Task, kind: string) => `task#${t.taskId}#${kind}#${t.dueAt ?? ''}`;

export const dynamoTaskStore = (service: EventlyService): TaskStore => {
  const { task, taskGraph, outbox } = service.entities;
  return {
    async get(orgId, eventId, taskId) {
      const { data } = await task.get({ orgId, eventId, taskId }).go({ consistent: true });
      return data ? toTask(data) : undefined;
    },

    list: (orgId, eventId, { status, assigneeId }, page) =>
      queryPage(
        `tasks:${orgId}:${eventId}:${status ?? ''}:${assigneeId ?? ''}`,
        page,
        (opts) =>
          task.query
            .byEvent({ orgId, eventId })
            .where((a, { eq }) =>
              [status ? eq(a.status, status) : '', assigneeId ? eq(a.assigneeId, assigneeId) : '']
                .filter(Boolean)
                .join(' AND '),
            )
            .go(opts),
        toTask,
      ),

    // The head first: a write conditional on its version refuses once anything read after it moved.
    async graph(orgId, eventId) {
      const head = await taskGraph.get({ orgId, eventId }).go({ consistent: true });
      const { data } = await task.query.byEvent({ orgId, eventId }).go({ pages: 'all', consistent: true });
      return { version: head.data?.version ?? 0, tasks: data.map(toTask) };
    },

    async create(t, graphVersion) {
      const { committed } = await commitTransaction(service, (tx) => [
        eventLive(tx, t, eventDeleting()),
        graphMoved(tx, t, graphVersion),
        { label: 'task', write: tx.task.create(storedTask(t)).commit() },
      ]);
      return committed;
    },

    async save(before, after, graphVersion) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'task',
          write: tx.task
            .put(storedTask(after))
            .where(({ version }, { eq }) => eq(version, before.version))
            .commit(),
          fails: 'refused' as const,
        },
        ...(graphVersion === null ? [] : [graphMoved(tx, after, graphVersion)]),
      ]);
      return committed;
    },

    async remove(t, graphVersion) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'task',
          write: tx.task
            .delete({ orgId: t.orgId, eventId: t.eventId, taskId: t.taskId })
            .where(({ version }, { eq }) => eq(version, t.version))
            .commit(),
          fails: 'refused' as const,
        },
        graphMoved(tx, t, graphVersion),
      ]);
      return committed;
    },

    // The graph's version moves (a dependency edit that read before it checks again), unconditionally:
    // a generated task depends only on tasks of its template, created before it, so it closes no cycle.
    async createGenerated(t) {
      const { committed, failed } = await commitTransaction(service, (tx) => [
        eventLive(tx, t, 'refused'),
        { label: 'task', write: tx.task.create(storedTask(t)).commit(), fails: 'refused' as const },
        {
          label: 'graph',
          write: tx.taskGraph.upsert({ orgId: t.orgId, eventId: t.eventId }).add({ version: 1 }).commit(),
        },
      ]);
      if (committed) return 'created';
      if (failed.has('event')) throw eventDeleting();
      return 'exists';
    },

    async remindersDue(orgId, now, limit) {
      const { data } = await task.query.byReminder({ orgId }).lte({ remindAt: now }).go({ limit });
      return data.map(toTask);
    },

    async remind(before, after, reminder) {
      const assigneeId = before.assigneeId;
      if (!assigneeId) return false;
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'task',
          write: tx.task
            .put(storedTask(after))
            .where(({ version }, { eq }) => eq(version, before.version))
            .commit(),
          fails: 'refused' as const,
        },
        {
          label: 'notification',
          write: notificationRecord(tx, {
            orgId: before.orgId,
            sessionId: before.eventId,
            key: reminderKey(before, reminder.kind),
            at: reminder.at,
            type: `task.${reminder.kind}`,
            recipientId: `user#${assigneeId}`,
            userId: assigneeId,
            payload: {
              subject: `${reminder.kind === 'overdue' ? 'Overdue' : 'Due soon'}: ${before.title}`,
              taskId: before.taskId,
              eventId: before.eventId,
              dueAt: before.dueAt,
              priority: before.priority,
            },
          }),
          fails: 'refused' as const,
        },
      ]);
      return committed;
    },

    async purgeEvent(orgId, eventId, limit) {
      // The tasks, then the graph head, then the reminders' outbox partition, until `limit` items are gone.
      const tasks = await task.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'taskId'] });
      if (tasks.data.length > 0) await task.delete(tasks.data).go();
      let removed = tasks.data.length;
      if (removed >= limit) return removed;
      const head = await taskGraph.get({ orgId, eventId }).go();
      if (head.data) {
        await taskGraph.delete({ orgId, eventId }).go();
        removed++;
      }
      if (removed >= limit) return removed;
      const reminders = await outbox.query
        .bySession({ orgId, sessionId: eventId })
        .go({ limit: limit - removed, attributes: ['orgId', 'sessionId', 'at', 'messageId'] });
      if (reminders.data.length > 0) await outbox.delete(reminders.data).go();
      return removed + reminders.data.length;
    },
  };
};
