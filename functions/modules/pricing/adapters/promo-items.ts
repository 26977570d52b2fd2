import type { EntityItem } from 'electrodb';
import { fromStored } from '../../../kernel/dynamo/stored.js';
import type { PromoCode } from '../domain/promo-model.js';
import type { promoCodeEntity } from './entities/promo-code.js';

export const toPromo = fromStored<PromoCode, EntityItem<typeof promoCodeEntity>>({
  nullable: {
    percent: true,
    amountMinor: true,
    categoryIds: true,
    maxUses: true,
    maxUsesPerPerson: true,
    validFrom: true,
    validUntil: true,
  },
  itemOnly: {},
});

/** The key of one code, and of its uses' partition (entities/promo-use.ts). */
export interface CodeRef {
  orgId: string;
  eventId: string;
  code: string;
}
