import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import { purgeOrgSocialAccounts } from '../../functions/modules/deletions/index.js';
import { createCampaign, moveCampaign } from '../../functions/modules/marketing/domain/campaigns.js';
import { cancelPost, createPost, schedulePost } from '../../functions/modules/marketing/domain/posts.js';
import { runPostPublish } from '../../functions/modules/marketing/domain/publishing.js';
import { createSocialAccount } from '../../functions/modules/marketing/domain/social-accounts.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Marketing's stores on DynamoDB Local: a tracking code held by one campaign of the organization
 * when two race for it (and free again once its event's items are purged), a post taken by one of
 * two firings of its schedule, a firing for a time the post was moved from or of a cancelled post
 * doing nothing, a post of a campaign no longer active failing with its reason, and an
 * organization's accounts purged with their token files.
 */

const owner = user('mk-owner');

const campaignBody = (trackingCode?: string) => ({
  name: 'Spring',
  channel: 'social' as const,
  startsAt: '2030-01-01T00:00:00.000Z',
  endsAt: '2030-02-01T00:00:00.000Z',
  budget: { amountMinor: 1000, currency: 'EUR' },
  trackingCode,
});

describe('marketing on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let dir: string;
  let orgId: string;
  let eventIds: string[];
  let accountId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mk-tokens-'));
    c = await freshContainer({ SOCIAL_TOKENS_DIR: dir });
    orgId = await orgWith(c, owner.sub, {});
    const venue = await venueIn(c, owner.sub, orgId);
    eventIds = [];
    for (const title of ['One', 'Two']) {
      eventIds.push((await createEvent(c.deps, owner, orgId, eventInput(venue.venueId, { title }))).eventId);
    }
    ({ accountId } = await createSocialAccount(c.deps, owner, orgId, {
      platform: 'x',
      handle: '@mk',
      displayName: 'MK',
      accessToken: 'integration-token-1',
    }));
  });

  it('gives a tracking code to one of two campaigns racing for it, and frees it with its event', async () => {
    const [one, two] = eventIds as [string, string];
    const raced = await Promise.allSettled(
      [one, two].map((eventId) => createCampaign(c.deps, owner, orgId, eventId, campaignBody('RACE-1'))),
    );
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = raced.find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason.code).toBe('TRACKING_CODE_TAKEN');
    const winner = (
      raced.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ eventId: string }>
    ).value.eventId;

    let removed = 0;
    for (let page = 1; page > 0; removed += page) page = await c.deps.marketing.purgeEvent(orgId, winner, 1);
    expect(removed).toBe(1);
    await createCampaign(c.deps, owner, orgId, winner, campaignBody('RACE-1'));
  });

  it('publishes a post once when its schedule fires twice at once; a moved or cancelled one is skipped', async () => {
    const eventId = eventIds[0] as string;
    const campaign = await createCampaign(c.deps, owner, orgId, eventId, campaignBody());
    const ref = { orgId, eventId, campaignId: campaign.campaignId };
    await moveCampaign(c.deps, owner, ref, 'active');
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const post = await createPost(c.deps, owner, ref, { accountId, text: 'Hello', scheduledAt: at });

    const later = new Date(Date.now() + 7_200_000).toISOString();
    await schedulePost(c.deps, owner, post, later);
    expect(await runPostPublish(c.deps, post, at)).toBe('skipped');

    const outcomes = await Promise.all([
      runPostPublish(c.deps, post, later),
      runPostPublish(c.deps, post, later),
    ]);
    expect(outcomes.sort()).toEqual(['published', 'skipped']);
    expect((await c.deps.marketing.getPost(post))?.externalId).toBe(`local:${post.postId}`);
    await expect(cancelPost(c.deps, owner, post)).rejects.toMatchObject({ code: 'POST_NOT_EDITABLE' });

    const cancelled = await createPost(c.deps, owner, ref, { accountId, text: 'Never', scheduledAt: at });
    await cancelPost(c.deps, owner, cancelled);
    expect(await runPostPublish(c.deps, cancelled, at)).toBe('skipped');
  });

  it('fails a post whose campaign is no longer active, with the reason', async () => {
    const eventId = eventIds[1] as string;
    const campaign = await createCampaign(c.deps, owner, orgId, eventId, campaignBody());
    const ref = { orgId, eventId, campaignId: campaign.campaignId };
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const post = await createPost(c.deps, owner, ref, { accountId, text: 'Draft campaign', scheduledAt: at });
    expect(await runPostPublish(c.deps, post, at)).toBe('failed');
    const failed = await c.deps.marketing.getPost(post);
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'the campaign is not active' });
  });

  it("purges an organization's social accounts with their token files", async () => {
    expect(await readdir(dir)).toHaveLength(1);
    expect(await purgeOrgSocialAccounts(c.deps, orgId, 10)).toBe(1);
    expect(await readdir(dir)).toHaveLength(0);
    expect(await c.deps.socialAccounts.get(orgId, accountId)).toBeUndefined();
  });
});
