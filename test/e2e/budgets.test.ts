import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { eventually } from '../support/eventually.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Vendors, contracts and budgets over HTTP on the local runtime with s3rver: a catering line
 * planned at 500 EUR goes over once an approved expense and a signed contract exceed it, and is
 * flagged with the excess (and so is the expense summary's comparison once the expenses alone
 * would); a contract's document is uploaded to the bucket through its presigned PUT, completed
 * and downloaded; the event's deletion takes the contracts, the lines and the document's object.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Line {
  category: string;
  plannedMinor: number;
  expensesMinor: number;
  contractsMinor: number;
  actualMinor: number;
  overBudget: boolean;
  overByMinor: number;
}
interface Budget {
  lines: Line[];
  totals: { currency: string; plannedMinor: number; actualMinor: number; overBudget: boolean }[];
}
interface Contract {
  contractId: string;
  status: string;
  category: string;
  installments: { dueDate: string; amountMinor: number }[];
}
interface Started {
  document: { documentId: string; status: string };
  upload: { url: string; headers: Record<string, string> };
}

let owner: string;
let admin: string;
let orgId: string;
let eventId: string;
let vendorId: string;

const eventPath = () => `/v1/orgs/${orgId}/events/${eventId}`;

const s3 = () =>
  new S3Client({
    region: LOCAL_REGION,
    endpoint: rt.runtime.s3Endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });

const objectExists = async (key: string): Promise<boolean> => {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: rt.runtime.materialsBucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
};

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'bud-owner', email: 'owner@budgets.example' });
  ({ orgId, eventId } = await publishedSession(rt, owner, {
    orgName: 'Budgets',
    event: { title: 'Summit', defaultCapacity: 20 },
    session: { startsAt: berlinIn(60 * 24 * 30) },
  }));
  // An admin submits the expense: the owner approves it (nobody approves their own).
  const email = 'admin@budgets.example';
  admin = await rt.mintToken({ sub: 'bud-admin', email });
  const invite = ok(
    await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token: owner,
      body: { email, role: 'admin' },
    }),
    201,
  );
  ok(await rt.call('POST', '/v1/invites/accept', { token: admin, body: { token: invite.token } }), 201);
  ({ vendorId } = ok(
    await rt.call<{ vendorId: string }>('POST', `/v1/orgs/${orgId}/vendors`, {
      token: owner,
      body: {
        name: 'Brandt Catering',
        category: 'catering',
        contact: { name: 'Cleo Brandt', email: 'cleo@brandt.example', phone: '+49 30 1234567' },
        rating: 4,
      },
    }),
    201,
  ));
});

describe('budgets over HTTP', () => {
  it('flags a line once an approved expense and a signed contract exceed it, with the excess', async () => {
    ok(
      await rt.call('PUT', `${eventPath()}/budget/lines/catering`, {
        token: owner,
        body: { plannedMinor: 50_000, currency: 'EUR', notes: 'Lunch and coffee' },
      }),
    );
    const within = ok(await rt.call<Budget>('GET', `${eventPath()}/budget`, { token: owner }));
    expect(within.lines[0]).toMatchObject({ category: 'catering', actualMinor: 0, overBudget: false });

    const expense = ok(
      await rt.call<{ expenseId: string }>('POST', `${eventPath()}/expenses`, {
        token: admin,
        body: { name: 'Coffee', category: 'catering', amountMinor: 20_000, currency: 'EUR' },
      }),
      201,
    );
    ok(await rt.call('POST', `${eventPath()}/expenses/${expense.expenseId}/approve`, { token: owner }));

    // Installments that do not add up are refused, naming the field; the contract's category is its vendor's.
    const refused = await rt.call<{ errors: { field: string }[] }>(
      'POST',
      `${eventPath()}/vendor-contracts`,
      {
        token: owner,
        body: {
          vendorId,
          title: 'Lunch',
          amountMinor: 35_000,
          currency: 'EUR',
          installments: [{ dueDate: '2027-05-01', amountMinor: 10_000 }],
        },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.json.errors.map((e) => e.field)).toContain('installments');
    const contract = ok(
      await rt.call<Contract>('POST', `${eventPath()}/vendor-contracts`, {
        token: owner,
        body: {
          vendorId,
          title: 'Lunch',
          amountMinor: 35_000,
          currency: 'EUR',
          installments: [
            { dueDate: '2027-06-01', amountMinor: 25_000 },
            { dueDate: '2027-05-01', amountMinor: 10_000 },
          ],
        },
      }),
      201,
    );
    expect(contract).toMatchObject({ status: 'draft', category: 'catering' });
    expect(contract.installments.map((i) => i.dueDate)).toEqual(['2027-05-01', '2027-06-01']);
    // A draft is not owed yet: still within the plan.
    const drafted = ok(await rt.call<Budget>('GET', `${eventPath()}/budget`, { token: owner }));
    expect(drafted.lines[0]).toMatchObject({ actualMinor: 20_000, overBudget: false });

    const contractPath = `${eventPath()}/vendor-contracts/${contract.contractId}`;
    ok(await rt.call('PATCH', contractPath, { token: owner, body: { status: 'signed' } }));
    const over = ok(await rt.call<Budget>('GET', `${eventPath()}/budget`, { token: owner }));
    expect(over.lines).toEqual([
      expect.objectContaining({
        category: 'catering',
        plannedMinor: 50_000,
        expensesMinor: 20_000,
        contractsMinor: 35_000,
        actualMinor: 55_000,
        overBudget: true,
        overByMinor: 5_000,
      }),
    ]);
    expect(over.totals).toEqual([
      expect.objectContaining({ currency: 'EUR', actualMinor: 55_000, overBudget: true }),
    ]);

    // Signed terms are fixed; paid is final.
    const fixed = await rt.call<{ code: string }>('PATCH', contractPath, {
      token: owner,
      body: { amountMinor: 1 },
    });
    expect([fixed.status, fixed.json.code]).toEqual([409, 'CONTRACT_NOT_DRAFT']);
    ok(await rt.call('PATCH', contractPath, { token: owner, body: { status: 'paid' } }));
    const final = await rt.call<{ code: string }>('PATCH', contractPath, {
      token: owner,
      body: { status: 'cancelled' },
    });
    expect([final.status, final.json.code]).toEqual([409, 'INVALID_TRANSITION']);

    // The expense summary compares the line with the expenses alone: 200 of 500 spent.
    const summary = ok(
      await rt.call<{ budget: { categories: { overBudget: boolean; actualMinor: number }[] }[] }>(
        'GET',
        `${eventPath()}/expenses/summary`,
        { token: owner },
      ),
    );
    expect(summary.budget[0]?.categories[0]).toMatchObject({ actualMinor: 20_000, overBudget: false });
  });

  it("uploads a contract's document to the bucket, completes and downloads it; the event's deletion takes it", async () => {
    const contract = ok(
      await rt.call<Contract>('POST', `${eventPath()}/vendor-contracts`, {
        token: owner,
        body: { vendorId, title: 'Dinner', amountMinor: 9_000, currency: 'EUR' },
      }),
      201,
    );
    const contractPath = `${eventPath()}/vendor-contracts/${contract.contractId}`;
    const pdf = Buffer.from('%PDF-1.4\n% the signed dinner contract\n%%EOF\n');
    const badType = await rt.call('POST', `${contractPath}/documents`, {
      token: owner,
      body: { fileName: 'contract.svg', contentType: 'image/svg+xml', sizeBytes: pdf.length },
    });
    expect(badType.status).toBe(422);
    const started = ok(
      await rt.call<Started>('POST', `${contractPath}/documents`, {
        token: owner,
        body: { fileName: 'signed-contract.pdf', contentType: 'application/pdf', sizeBytes: pdf.length },
      }),
      201,
    );
    const { documentId } = started.document;
    const documentPath = `${contractPath}/documents/${documentId}`;
    // Not uploaded yet: completing is refused and downloading finds nothing.
    const complete = () =>
      rt.call<{ status: string }>('POST', `${contractPath}/documents/complete`, {
        token: owner,
        body: { documentId },
      });
    expect((await complete()).status).toBe(422);
    expect((await rt.call('GET', `${documentPath}/download`, { token: owner })).status).toBe(404);

    const put = await fetch(started.upload.url, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect(put.status, await put.text()).toBe(200);
    const done = ok(await complete());
    expect(done.status).toBe('available');
    const download = ok(await rt.call<{ url: string }>('GET', `${documentPath}/download`, { token: owner }));
    const got = await fetch(download.url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    // The documents live under their own prefix of the bucket.
    const key = `vendor-contracts/${orgId}/${eventId}/${contract.contractId}/${documentId}`;
    expect(await objectExists(key)).toBe(true);

    expect((await rt.call('DELETE', eventPath(), { token: owner })).status).toBe(202);
    const deletion = await eventually(
      () => rt.call<{ status: string }>('GET', `/v1/orgs/${orgId}/deletions/${eventId}`, { token: owner }),
      (r) => r.json.status === 'completed',
      30_000,
    );
    expect(deletion.json.status).toBe('completed');
    expect(await objectExists(key)).toBe(false);
    // The vendor is the organization's: it stays.
    expect((await rt.call('GET', `/v1/orgs/${orgId}/vendors/${vendorId}`, { token: owner })).status).toBe(
      200,
    );
  }, 60_000);
});
