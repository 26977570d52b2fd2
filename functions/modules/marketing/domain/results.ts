import type { Deps } from '../../../kernel/domain/deps.js';
import type { EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { everyPage } from '../../../kernel/domain/every-page.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { readableCampaign } from './campaigns.js';
import type { CampaignResults } from './model.js';
import type { CampaignRef } from './ports.js';
import { campaignResults } from './rules.js';

/**
 * A campaign's results, computed on each read: the event's sessions, then each session's bookings
 * and payment orders through the bookings' and payments' ports (Queries by session, never a Scan),
 * filtered to the campaign's tracking code by the pure `campaignResults`.
 */
export const getCampaignResults = async (
  deps: Pick<Deps, 'marketing' | 'events' | 'sessions' | 'bookings' | 'payments' | 'clock'> & EventAccessDeps,
  principal: Principal,
  ref: CampaignRef,
): Promise<CampaignResults> => {
  const campaign = await readableCampaign(deps, principal, ref);
  const sessions = await everyPage((page) => deps.sessions.listByEvent(ref.orgId, ref.eventId, page));
  const facts = await Promise.all(
    sessions.map(async ({ sessionId }) => ({
      bookings: await everyPage((page) => deps.bookings.listBySession(ref.orgId, sessionId, page)),
      orders: await deps.payments.listBySession(ref.orgId, sessionId),
    })),
  );
  const influencers = await deps.marketing.listInfluencers(ref);
  return campaignResults(
    campaign,
    influencers,
    facts.flatMap((f) => f.bookings),
    facts.flatMap((f) => f.orders),
    deps.clock.now(),
  );
};
