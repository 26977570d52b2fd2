import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OpenDispute, parseDisputeRequest } from './disputes.js';
import { ApiError, jsonObject, readBody, sendJson } from './http-io.js';
import { ModeError, parseModeOverrides } from './modes.js';
import type { Mode, ModeOverrides } from './types.js';
import type { DeliveryRecord, HeldEvent } from './webhooks.js';

/**
 * Manual control over HTTP (`npm start`): GET /_local/deliveries, GET|POST /_local/mode,
 * GET /_local/held, POST /_local/release `{ eventIds?, reverse? }`, and POST /_local/disputes
 * `{ provider, paymentId, amount?, reason?, inquiry?, delayMs?, duplicates?, hold? }` (the buyer's
 * bank disputes a paid payment).
 */

export interface AdminDeps {
  mode(): Mode;
  setMode(overrides: ModeOverrides): Mode;
  deliveries(): DeliveryRecord[];
  held(): HeldEvent[];
  release(eventIds?: string[], options?: { reverse?: boolean }): Promise<void>;
  dispute: OpenDispute;
}

const bad = (res: ServerResponse, message: string): void =>
  sendJson(res, { status: 400, body: { error: { message } } });

const release = async (
  res: ServerResponse,
  deps: AdminDeps,
  body: Record<string, unknown>,
): Promise<void> => {
  const { eventIds, reverse } = body;
  if (eventIds !== undefined && !(Array.isArray(eventIds) && eventIds.every((id) => typeof id === 'string')))
    return bad(res, 'eventIds must be a list of event ids');
  if (reverse !== undefined && typeof reverse !== 'boolean') return bad(res, 'reverse must be true or false');
  const ids = eventIds as string[] | undefined;
  const chosen = deps.held().filter((e) => ids === undefined || ids.includes(e.eventId));
  if (ids !== undefined && chosen.length !== ids.length) return bad(res, 'some eventIds are not held');
  // Answers once the released events have been delivered, retries included.
  await deps.release(ids, { reverse: reverse === true });
  sendJson(res, { status: 200, body: { released: chosen.map((e) => e.eventId) } });
};

/** Opens the dispute and answers it, or the provider's refusal (unknown, unpaid, already disputed). */
const dispute = (res: ServerResponse, deps: AdminDeps, body: Record<string, unknown>): void => {
  try {
    const { provider, paymentId, options } = parseDisputeRequest(body);
    sendJson(res, { status: 200, body: deps.dispute(provider, paymentId, options) });
  } catch (error) {
    if (error instanceof ModeError) bad(res, error.message);
    else if (error instanceof ApiError) sendJson(res, { status: error.status, body: error.body });
    else throw error;
  }
};

/** Answers /_local routes; false when the path is not one. */
export const serveAdmin = async (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: AdminDeps,
): Promise<boolean> => {
  if (!path.startsWith('/_local/')) return false;
  const route = `${req.method} ${path}`;
  if (route === 'GET /_local/deliveries') sendJson(res, { status: 200, body: deps.deliveries() });
  else if (route === 'GET /_local/held') sendJson(res, { status: 200, body: deps.held() });
  else if (route === 'GET /_local/mode') sendJson(res, { status: 200, body: deps.mode() });
  else if (
    route === 'POST /_local/mode' ||
    route === 'POST /_local/release' ||
    route === 'POST /_local/disputes'
  ) {
    const body = jsonObject(await readBody(req));
    if (body === null) bad(res, 'the body must be a JSON object');
    else if (route === 'POST /_local/release') await release(res, deps, body);
    else if (route === 'POST /_local/disputes') dispute(res, deps, body);
    else {
      try {
        sendJson(res, { status: 200, body: deps.setMode(parseModeOverrides(body)) });
      } catch (error) {
        if (!(error instanceof ModeError)) throw error;
        bad(res, error.message);
      }
    }
  } else sendJson(res, { status: 404, body: { error: { message: `no route ${route}` } } });
  return true;
};
