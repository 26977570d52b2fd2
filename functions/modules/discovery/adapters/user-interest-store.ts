import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { UserInterestStore } from '../domain/ports.js';

export const dynamoUserInterestStore = (service: EventlyService): UserInterestStore => {
  const { userInterests } = service.entities;
  return {
    async get(userId) {
      const { data } = await userInterests.get({ userId }).go({ consistent: true });
      return data
        ? { userId: data.userId, interestIds: data.interestIds, updatedAt: data.updatedAt }
        : undefined;
    },
    async put(picked) {
      await userInterests.put(picked).go();
    },
    async remove(userId) {
      await userInterests.delete({ userId }).go();
    },
  };
};
