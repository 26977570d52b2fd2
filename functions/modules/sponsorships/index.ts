/** The sponsorships module's entry: an event's sponsorship packages and deals (docs/sponsorships.md). */
export type { Activation, Deal, OnboardingStep, SponsorshipPackage } from './domain/model.js';
