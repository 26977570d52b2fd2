/**
 * The feedback module's public entry: what other modules may use. Everything else in the folder
 * is the module's own. Speakers' averages (when speakers come) are built from their sessions'.
 */
export { averagesOfSessions } from './domain/feedback.js';
export type { Averages, Feedback, FeedbackTotals } from './domain/model.js';
export { addTotals, averagesOf, emptyTotals } from './domain/model.js';
