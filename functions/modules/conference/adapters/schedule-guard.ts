import type { Deps } from '../../../kernel/domain/deps.js';
import type { SessionScheduleGuard } from '../../catalog/index.js';
import { speakerClashOfMove } from '../domain/speaker-moves.js';

/** The catalog's schedule guard over the conference's agenda, speakers and the event's sessions. */
export const agendaScheduleGuard = (
  deps: Pick<Deps, 'agenda' | 'sessions' | 'speakers'>,
): SessionScheduleGuard => ({
  speakerClash: (next) => speakerClashOfMove(deps, next),
});
