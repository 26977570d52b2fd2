/** The marketing module's entry (docs/marketing.md): no other module needs any of it yet. */
export type { Campaign, Post, SocialAccount } from './domain/model.js';
