import type { IssuedTicket } from './door-world.js';
import { invokeScan, type ScanHandler } from './scan-event.js';

/**
 * One ticket scanned at `gates` gates at once, through the handler (each with its own nonce):
 * exactly one must be admitted, and every other scan answered `already_in` naming that gate.
 */

export interface BurstFigures {
  scans: number;
  admitted: number;
  alreadyIn: number;
  /** Outcomes other than those two, and answers other than HTTP 200, by what they were. */
  other: Record<string, number>;
  /** Every already_in answer names the admitting gate as `previous`. */
  previousNamesAdmittingGate: boolean;
  ok: boolean;
  wallMs: number;
}

export const scanBurst = async (
  handler: ScanHandler,
  request: { orgId: string; sessionId: string; claims: Record<string, string> },
  ticket: IssuedTicket,
  gates: number,
  noncePrefix: string,
): Promise<BurstFigures> => {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: gates }, (_, i) =>
      invokeScan(handler, {
        orgId: request.orgId,
        claims: request.claims,
        body: {
          sessionId: request.sessionId,
          method: 'qr',
          code: ticket.code,
          direction: 'entry',
          gate: `Gate ${i}`,
          nonce: `${noncePrefix}-${String(i).padStart(4, '0')}`,
        },
      }).then(
        (a) => ({ ...a, gate: `Gate ${i}` }),
        (error: Error) => ({ outcome: `error: ${error.message.slice(0, 80)}`, previous: null, gate: '' }),
      ),
    ),
  );
  const wallMs = performance.now() - started;
  const count = (outcome: string) => answers.filter((a) => a.outcome === outcome).length;
  const other: Record<string, number> = {};
  for (const a of answers) {
    if (a.outcome !== 'admitted' && a.outcome !== 'already_in')
      other[a.outcome] = (other[a.outcome] ?? 0) + 1;
  }
  const admittedGate = answers.find((a) => a.outcome === 'admitted')?.gate;
  const previousNamesAdmittingGate = answers
    .filter((a) => a.outcome === 'already_in')
    .every((a) => a.previous?.gate === admittedGate);
  const admitted = count('admitted');
  const alreadyIn = count('already_in');
  return {
    scans: gates,
    admitted,
    alreadyIn,
    other,
    previousNamesAdmittingGate,
    ok: admitted === 1 && alreadyIn === gates - 1 && previousNamesAdmittingGate,
    wallMs: Math.round(wallMs),
  };
};
