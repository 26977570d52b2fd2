import type { EntityItem } from 'electrodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import {
  commitTransaction,
  type TxEntities,
  type TxItem,
  unlessConditionFails,
} from '../../../kernel/dynamo/transactions.js';
import { type Attendee, anonymous, type UniqueField, uniqueFields } from '../domain/model.js';
import type { AttendeeStore } from '../domain/ports.js';
import type { attendeeEntity } from './entities/attendee.js';
import { partyRewrite, staleParty } from './party-writes.js';

type AttendeeItem = EntityItem<typeof attendeeEntity>;

const fromItem = fromStored<Omit<Attendee, 'tags'>, Omit<AttendeeItem, 'tags' | 'tagCount'>>({
  nullable: { email: true, phone: true, userId: true, gender: true, partyId: true },
  itemOnly: {},
});

/** Tags are a set in the item (absent when none), a sorted list in the attendee. */
const toAttendee = ({ tags, tagCount: _count, ...item }: AttendeeItem): Attendee => ({
  ...fromItem(item),
  tags: [...(tags ?? [])].sort(),
});

/** A new attendee has no tags (DynamoDB stores no empty set). */
const storedAttendee = ({ tags: _none, ...a }: Attendee) => toStored(a);

interface UniqueValue {
  field: UniqueField;
  value: string;
}

const uniqueValuesOf = (a: Attendee): UniqueValue[] =>
  uniqueFields.flatMap((field) => {
    const value = a[field];
    return value ? [{ field, value }] : [];
  });

const differs = (u: UniqueValue, other: Attendee) => other[u.field] !== u.value;

const changedMeanwhile = (attendeeId: string) =>
  new DomainError(
    'CONFLICT',
    `attendee ${attendeeId} was changed or deleted by someone else meanwhile; read it again and retry`,
  );

/** A placeholder reason for a taken value, resolved by `explainTaken` once it is known. */
const taken = (u: UniqueValue) => new DomainError('ATTENDEE_EXISTS', `${u.field} is taken`, { taken: u });

export const dynamoAttendeeStore = (service: EventlyService): AttendeeStore => {
  const { attendee, attendeeUnique } = service.entities;

  const get = async (orgId: string, attendeeId: string) => {
    const { data } = await attendee.get({ orgId, attendeeId }).go({ consistent: true });
    return data ? toAttendee(data) : undefined;
  };

  const holderOf = async (orgId: string, { field, value }: UniqueValue) => {
    const { data } = await attendeeUnique.get({ orgId, field, value }).go({ consistent: true });
    return data?.attendeeId;
  };

  /** Names the field and the attendee holding the value, so the caller can go to that record. */
  const explainTaken = async (orgId: string, err: unknown): Promise<unknown> => {
    const u = err instanceof DomainError ? (err.details.taken as UniqueValue | undefined) : undefined;
    if (!u) return err;
    const holder = (await holderOf(orgId, u)) ?? 'unknown';
    const message = `an attendee with this ${u.field} already exists: ${holder}`;
    return new DomainError('ATTENDEE_EXISTS', message, {
      field: u.field,
      attendeeId: holder,
      errors: [{ field: u.field, message: `already used by attendee ${holder}` }],
    });
  };

  /** Commits, or throws the error of the failed item with a taken value explained. */
  const commit = async (orgId: string, build: (tx: TxEntities) => TxItem[]): Promise<void> => {
    try {
      await commitTransaction(service, build);
    } catch (err) {
      throw await explainTaken(orgId, err);
    }
  };

  const uniqueKey = (orgId: string, u: UniqueValue) => ({ orgId, field: u.field, value: u.value });

  /** Frees `values` of the attendee, each only while it is still the attendee's own. */
  const released = (tx: TxEntities, a: Attendee, values: UniqueValue[]): TxItem[] =>
    values.map((u) => ({
      label: 'released value',
      write: tx.attendeeUnique
        .delete(uniqueKey(a.orgId, u))
        .where(({ attendeeId }, { eq }) => eq(attendeeId, a.attendeeId))
        .commit(),
      fails: changedMeanwhile(a.attendeeId),
    }));

  return {
    get,

    async create(a) {
      const values = uniqueValuesOf(a);
      await commit(a.orgId, (tx) => [
        {
          label: 'attendee',
          write: tx.attendee.create(storedAttendee(a)).commit(),
          fails: new DomainError('CONFLICT', `attendee ${a.attendeeId} already exists`),
        },
        ...values.map((u) => ({
          label: 'unique value',
          write: tx.attendeeUnique.create({ ...uniqueKey(a.orgId, u), attendeeId: a.attendeeId }).commit(),
          fails: taken(u),
        })),
      ]);
    },

    async findBy(orgId, field, value) {
      const holder = await holderOf(orgId, { field, value });
      const found = holder ? await get(orgId, holder) : undefined;
      return found?.[field] === value ? found : undefined;
    },

    list: (orgId, page) =>
      queryPage(`attendees:${orgId}`, page, (opts) => attendee.query.byOrg({ orgId }).go(opts), toAttendee),

    async update(current, next) {
      const freed = uniqueValuesOf(current).filter((u) => differs(u, next));
      const claimed = uniqueValuesOf(next).filter((u) => differs(u, current));
      const cleared = uniqueFields.flatMap((f) => (!next[f] && f !== 'userId' ? [f] : []));
      const stale = changedMeanwhile(current.attendeeId);
      await commit(current.orgId, (tx) => {
        let patch = tx.attendee.patch({ orgId: current.orgId, attendeeId: current.attendeeId }).set({
          firstName: next.firstName,
          lastName: next.lastName,
          updatedAt: next.updatedAt,
          // Linking a record staff created to its user (its `userId` claimed below).
          ...(next.userId ? { userId: next.userId } : {}),
          ...(next.email ? { email: next.email } : {}),
          ...(next.phone ? { phone: next.phone } : {}),
          ...(next.gender ? { gender: next.gender } : {}),
        });
        const removed = [
          ...cleared,
          ...(next.gender === null && current.gender !== null ? ['gender' as const] : []),
        ];
        if (removed.length > 0) patch = patch.remove(removed);
        return [
          {
            label: 'attendee',
            // The unique values moved below must still be the attendee's own.
            write: patch
              .where((attr, { eq, notExists }) =>
                uniqueFields
                  .map((f) => {
                    const value = current[f];
                    return value ? eq(attr[f], value) : notExists(attr[f]);
                  })
                  .join(' AND '),
              )
              .commit(),
            fails: stale,
          },
          ...released(tx, current, freed),
          ...claimed.map((u) => ({
            label: 'claimed value',
            write: tx.attendeeUnique
              .create({ ...uniqueKey(current.orgId, u), attendeeId: current.attendeeId })
              .commit(),
            fails: taken(u),
          })),
        ];
      });
    },

    async listByUser(userId, page) {
      const links = await queryPage(
        `attendees-of:${userId}`,
        page,
        (opts) => attendeeUnique.query.byUser({ value: userId }).go(opts),
        (u) => ({ orgId: u.orgId, attendeeId: u.attendeeId }),
      );
      const found = await Promise.all(links.items.map((l) => get(l.orgId, l.attendeeId)));
      return {
        items: found.filter((a): a is Attendee => a?.userId === userId),
        nextCursor: links.nextCursor,
      };
    },

    async anonymize(a, at) {
      const stale = changedMeanwhile(a.attendeeId);
      await commit(a.orgId, (tx) => [
        {
          label: 'attendee',
          write: tx.attendee
            .patch({ orgId: a.orgId, attendeeId: a.attendeeId })
            .set({ firstName: anonymous, lastName: anonymous, updatedAt: at })
            .remove(['email', 'phone', 'userId', 'gender'])
            .where((attr, { eq }) => eq(attr.userId, a.userId ?? ''))
            .commit(),
          fails: stale,
        },
        ...released(tx, a, uniqueValuesOf(a)),
      ]);
    },

    async remove(a, party) {
      const stale = changedMeanwhile(a.attendeeId);
      await commit(a.orgId, (tx) => [
        {
          label: 'attendee',
          write: tx.attendee
            .delete({ orgId: a.orgId, attendeeId: a.attendeeId })
            .where((attr, { eq, notExists }) =>
              a.partyId ? eq(attr.partyId, a.partyId) : notExists(attr.partyId),
            )
            .commit(),
          fails: stale,
        },
        ...released(tx, a, uniqueValuesOf(a)),
        ...(party
          ? [{ label: 'party', write: partyRewrite(tx, party), fails: staleParty(party.before.partyId) }]
          : []),
      ]);
    },

    async addTag(orgId, attendeeId, tag, max) {
      // Only a tag it lacks, and only below the limit: the count moves with the set, in one write.
      const added = await unlessConditionFails(
        attendee
          .patch({ orgId, attendeeId })
          .add({ tags: [tag], tagCount: 1 })
          .where(
            (attr, { notExists, contains, lt }) =>
              `NOT ${contains(attr.tags, tag)} AND (${notExists(attr.tagCount)} OR ${lt(attr.tagCount, max)})`,
          )
          .go(),
      );
      if (added) return 'added';
      const found = await get(orgId, attendeeId);
      if (!found) return 'missing';
      return found.tags.includes(tag) ? 'present' : 'full';
    },

    async purgeOrg(orgId, limit) {
      const { data: values } = await attendeeUnique.query.byValue({ orgId }).go({ limit });
      if (values.length > 0) await attendeeUnique.delete(values.map((u) => uniqueKey(orgId, u))).go();
      const rest = limit - values.length;
      if (rest === 0) return values.length;
      const { data: people } = await attendee.query.byOrg({ orgId }).go({ limit: rest });
      if (people.length > 0) {
        await attendee.delete(people.map((p) => ({ orgId, attendeeId: p.attendeeId }))).go();
      }
      return values.length + people.length;
    },
  };
};
