import type { EntityItem } from 'electrodb';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { Profile } from '../domain/model.js';
import type { ProfileStore } from '../domain/ports.js';
import type { profileEntity } from './entities/profile.js';

type ProfileItem = EntityItem<typeof profileEntity>;

const fromItem = fromStored<Profile, ProfileItem>({
  nullable: { bio: true, city: true, birthDate: true },
  itemOnly: {},
});

/** The users' profiles (entities/profile.ts): one item each, every write conditional on its version. */
export const dynamoProfileStore = (service: EventlyService): ProfileStore => {
  const { profile } = service.entities;
  return {
    async get(userId) {
      const { data } = await profile.get({ userId }).go({ consistent: true });
      return data ? fromItem(data) : undefined;
    },

    save: (p, expectedVersion) =>
      unlessConditionFails(
        expectedVersion === null
          ? profile.create(toStored(p)).go()
          : profile
              .put(toStored(p))
              .where((a, { eq }) => eq(a.version, expectedVersion))
              .go(),
      ),

    async remove(userId) {
      await profile.delete({ userId }).go();
    },
  };
};
