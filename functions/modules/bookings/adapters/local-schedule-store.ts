import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { entityBase } from '../../../kernel/dynamo/entity-base.js';
import { key } from '../../../kernel/dynamo/entity-keys.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';

/**
 * The local stand-in for EventBridge Scheduler's one-off schedules: each pending schedule is an
 * item of the table, so schedules survive a restart of `npm start` like the data they refer to.
 * Only the local runtime writes these items; the deployed stack never does.
 *
 * Key templates:
 * - table: pk `local-schedule#${name}`   sk `schedule`
 * - gsi3:  pk `local-schedules`          sk `${at}#${name}`
 * Not led by an org id: like a schedule group in AWS, the local scheduler serves every
 * organization, and the firer must find all due schedules with one Query. One partition is fine:
 * nothing but a developer's machine ever writes to it.
 *
 * Built by the store, not when the module loads: every function that schedules holds carries this
 * file, and in AWS none ever makes a local store.
 */
const localScheduleEntity = (client: DynamoDBDocumentClient, table: string) =>
  new Entity(
    {
      model: { ...entityBase, entity: 'localSchedule' },
      attributes: {
        name: { type: 'string', required: true, readOnly: true },
        /** When to fire, UTC ISO 8601 (sorts as text). */
        at: { type: 'string', required: true },
        /** Logical queue name (queue definitions) the payload is sent to. */
        target: { type: 'string', required: true },
        payload: { type: 'string', required: true },
      },
      indexes: {
        byName: {
          pk: key('pk', ['name'], 'local-schedule#${name}'),
          sk: key('sk', [], 'schedule'),
        },
        byDue: {
          index: 'gsi3',
          pk: key('gsi3pk', [], 'local-schedules'),
          sk: key('gsi3sk', ['at', 'name'], '${at}#${name}'),
        },
      },
    },
    { client, table },
  );

export type LocalSchedule = EntityItem<ReturnType<typeof localScheduleEntity>>;

export interface LocalScheduleStore {
  /** Makes or replaces the schedule called `name`. */
  put(schedule: LocalSchedule): Promise<void>;
  /** Deletes the schedule; absent is fine. */
  remove(name: string): Promise<void>;
  /** Deletes it only if it still fires at `at` (it was not replaced meanwhile); absent is fine. */
  removeFired(schedule: Pick<LocalSchedule, 'name' | 'at'>): Promise<void>;
  /** Schedules due at or before `now`, earliest first. */
  listDue(now: Date, limit: number): Promise<LocalSchedule[]>;
}

export const localScheduleStore = (client: DynamoDBDocumentClient, table: string): LocalScheduleStore => {
  const entity = localScheduleEntity(client, table);
  return {
    async put(schedule) {
      await entity.put(schedule).go();
    },
    async remove(name) {
      await entity.delete({ name }).go();
    },
    async removeFired({ name, at }) {
      try {
        await entity
          .delete({ name })
          .where((attr, { eq }) => eq(attr.at, at))
          .go();
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
    async listDue(now, limit) {
      // Sort keys are `${at}#${name}`: everything before the next millisecond is due at `now`
      // (`lte` on `at` alone would miss an `at` equal to `now`, whose key continues past it).
      const { data } = await entity.query
        .byDue({})
        .lt({ at: new Date(now.getTime() + 1).toISOString() })
        .go({ limit });
      return data.map(({ name, at, target, payload }) => ({ name, at, target, payload }));
    },
  };
};
