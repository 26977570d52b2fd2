import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, jsonObject, matchPath, readBody, sendHtml, sendJson } from './http-io.js';
import { ModeError, parseModeOverrides } from './modes.js';
import type { Pay, PayResult } from './pay.js';
import type { Store } from './store.js';
import type { Provider } from './types.js';

/**
 * The hosted checkout: `GET /checkout/:provider/:id` shows what is being paid with a pay and a
 * decline button; `POST /checkout/:provider/:id/pay` pays. A JSON body (tests, scripts) gets the
 * result as JSON; the page's form gets a page back, or a redirect to its `return_url` with the
 * parameters the provider's own checkout adds.
 */

export interface CheckoutDeps {
  store: Store;
  pay: Pay;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Summary {
  amount: number;
  currency: string;
  label: string;
  status: string;
}

const summaryOf = (store: Store, provider: Provider, id: string): Summary | null => {
  if (provider === 'stripe') {
    const intent = store.stripe.intents.get(id);
    return intent
      ? {
          amount: intent.amount,
          currency: intent.currency,
          label: intent.description ?? id,
          status: intent.status,
        }
      : null;
  }
  const order = store.razorpay.orders.get(id);
  return order
    ? { amount: order.amount, currency: order.currency, label: order.receipt ?? id, status: order.status }
    : null;
};

const page = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:sans-serif;max-width:28rem;margin:3rem auto">${body}</body></html>`;

const checkoutPage = (provider: Provider, id: string, summary: Summary, returnUrl: string | null): string => {
  const hidden = returnUrl ? `<input type="hidden" name="return_url" value="${escapeHtml(returnUrl)}">` : '';
  return page(
    `Pay ${id}`,
    `<h1>Local ${provider} checkout</h1>` +
      `<p>${escapeHtml(summary.label)}</p>` +
      `<p><strong>${(summary.amount / 100).toFixed(2)} ${escapeHtml(summary.currency.toUpperCase())}</strong> (status: ${escapeHtml(summary.status)})</p>` +
      `<form method="post" action="/checkout/${provider}/${encodeURIComponent(id)}/pay">${hidden}` +
      '<button name="outcome" value="succeed">Pay</button> <button name="outcome" value="fail">Decline</button>' +
      '</form>',
  );
};

/** The query the provider's checkout appends when it sends the customer back. */
const returnQuery = (result: PayResult): URLSearchParams => {
  if (result.provider === 'stripe') {
    const intent = result.paymentIntent;
    return new URLSearchParams({
      payment_intent: intent.id,
      payment_intent_client_secret: intent.client_secret,
      redirect_status: result.outcome === 'succeed' ? 'succeeded' : 'failed',
    });
  }
  if (result.signature !== null)
    return new URLSearchParams({
      razorpay_payment_id: result.payment.id,
      razorpay_order_id: result.order.id,
      razorpay_signature: result.signature,
    });
  return new URLSearchParams({
    'error[code]': 'BAD_REQUEST_ERROR',
    'error[description]': result.payment.error_description ?? 'Payment failed',
    'error[metadata][payment_id]': result.payment.id,
    'error[metadata][order_id]': result.order.id,
  });
};

const PROVIDERS: readonly string[] = ['stripe', 'razorpay'];

const payFromForm = (
  res: ServerResponse,
  deps: CheckoutDeps,
  provider: Provider,
  id: string,
  text: string,
): void => {
  const form = Object.fromEntries(new URLSearchParams(text));
  const returnUrl = form.return_url ?? null;
  delete form.return_url;
  try {
    const target = returnUrl && URL.canParse(returnUrl) ? new URL(returnUrl) : null;
    if (returnUrl && !target) throw new ModeError(`return_url is not a URL: ${returnUrl}`);
    const result = deps.pay(provider, id, parseModeOverrides(form));
    if (target) {
      for (const [k, v] of returnQuery(result)) target.searchParams.append(k, v);
      res.writeHead(303, { location: target.toString() }).end();
      return;
    }
    const paid = result.outcome === 'succeed';
    sendHtml(res, 200, page('Payment', `<h1>${paid ? 'Payment succeeded' : 'Payment declined'}</h1>`));
  } catch (error) {
    if (error instanceof ApiError)
      sendHtml(res, error.status, page('Payment', `<p>${escapeHtml(error.message)}</p>`));
    else if (error instanceof ModeError)
      sendHtml(res, 400, page('Payment', `<p>${escapeHtml(error.message)}</p>`));
    else throw error;
  }
};

const payFromJson = (
  res: ServerResponse,
  deps: CheckoutDeps,
  provider: Provider,
  id: string,
  text: string,
): void => {
  const body = jsonObject(text);
  try {
    if (body === null) throw new ModeError('the body must be a JSON object');
    sendJson(res, { status: 200, body: deps.pay(provider, id, parseModeOverrides(body)) });
  } catch (error) {
    if (error instanceof ApiError) sendJson(res, { status: error.status, body: error.body });
    else if (error instanceof ModeError)
      sendJson(res, { status: 400, body: { error: { message: error.message } } });
    else throw error;
  }
};

/** Answers checkout routes; false when the path is not one. */
export const serveCheckout = async (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: CheckoutDeps,
): Promise<boolean> => {
  const show = matchPath('/checkout/:provider/:id', url.pathname);
  const pay = matchPath('/checkout/:provider/:id/pay', url.pathname);
  const params = show ?? pay;
  if (!params || !PROVIDERS.includes(params.provider ?? '')) return false;
  const provider = params.provider as Provider;
  const id = params.id ?? '';
  if (show && req.method === 'GET') {
    const summary = summaryOf(deps.store, provider, id);
    if (!summary) sendHtml(res, 404, page('Not found', `<p>No ${provider} payment ${escapeHtml(id)}</p>`));
    else sendHtml(res, 200, checkoutPage(provider, id, summary, url.searchParams.get('return_url')));
    return true;
  }
  if (pay && req.method === 'POST') {
    const text = await readBody(req);
    const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (form) payFromForm(res, deps, provider, id, text);
    else payFromJson(res, deps, provider, id, text);
    return true;
  }
  sendJson(res, { status: 405, body: { error: { message: `${req.method} is not allowed here` } } });
  return true;
};
