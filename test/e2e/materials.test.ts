import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { eventually } from '../support/eventually.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Materials over HTTP on the local runtime with s3rver: an organizer adds a file, uploads its bytes
 * straight to the bucket through the presigned PUT and completes it; an attendee who booked
 * downloads it through the presigned GET and the count rises; nobody else learns it exists; a
 * declared size or type the upload does not match is refused; the event's deletion takes the item
 * and the object.
 */

const rt = useLocalRuntime();

interface Material {
  materialId: string;
  status: string;
  accessLevel: string;
  downloadCount: number;
  sizeBytes: number | null;
  fileFormat: string | null;
}
interface Created {
  material: Material;
  upload: { url: string; expiresAt: string; headers: Record<string, string> } | null;
}
interface Download {
  url: string;
  expiresAt: string | null;
  downloadCount: number;
}

const pdf = Buffer.from('%PDF-1.4\n% the slides of the keynote\n%%EOF\n');

let owner: string;
let attendee: string;
let stranger: string;
let orgId: string;
let eventId: string;
let sessionId: string;

const materialsPath = () => `/v1/orgs/${orgId}/events/${eventId}/materials`;

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

const createFile = async (path: string, body: Record<string, unknown>): Promise<Created> => {
  const made = await rt.call<Created>('POST', path, { token: owner, body });
  expect(made.status, made.text).toBe(201);
  expect(made.json.material.status).toBe('pending_upload');
  expect(made.json.upload?.url).toContain(rt.runtime.materialsBucket);
  return made.json;
};

const upload = async (created: Created, bytes: Buffer, contentType: string) => {
  const put = await fetch(created.upload?.url ?? '', {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body: bytes,
  });
  expect(put.status, await put.text()).toBe(200);
};

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'mat-owner', email: 'owner@mat.example', name: 'Owner' });
  stranger = await rt.mintToken({ sub: 'mat-stranger', email: 'eve@mat.example', name: 'Eve' });
  attendee = await rt.mintToken({ sub: 'mat-ada', email: 'ada@mat.example', name: 'Ada' });
  ({ orgId, eventId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Materials',
    event: { title: 'Talks', defaultCapacity: 20 },
    session: { startsAt: berlinIn(30) },
  }));
  const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
    token: attendee,
    body: { firstName: 'Ada', lastName: 'Attendee' },
  });
  expect(me.status, me.text).toBe(200);
  const booking = await rt.call<{ status: string }>(
    'POST',
    `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
    {
      token: attendee,
      body: { attendeeId: me.json.attendeeId, seats: 1 },
    },
  );
  expect(booking.status, booking.text).toBe(201);
  expect(booking.json.status).toBe('confirmed');
});

describe('materials over HTTP', () => {
  it('an attendee who booked downloads an uploaded file through a presigned URL, counted; a stranger gets 404', async () => {
    const made = await createFile(materialsPath(), {
      title: 'Keynote slides',
      materialType: 'presentation',
      accessLevel: 'attendees',
      sessionId,
      tags: ['keynote'],
      language: 'en',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    const { materialId } = made.material;
    const path = `${materialsPath()}/${materialId}`;

    // Not downloadable before its upload is completed, not even for its organizer.
    expect((await rt.call('GET', `${path}/download`, { token: owner })).status).toBe(404);
    await upload(made, pdf, 'application/pdf');
    const completed = await rt.call<Material>('POST', `${path}/complete`, { token: owner });
    expect(completed.status, completed.text).toBe(200);
    expect(completed.json).toMatchObject({ status: 'available', fileFormat: 'pdf', sizeBytes: pdf.length });

    const download = await rt.call<Download>('GET', `${path}/download`, { token: attendee });
    expect(download.status, download.text).toBe(200);
    expect(download.json.downloadCount).toBe(1);
    const fetched = await fetch(download.json.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(pdf)).toBe(true);

    const again = await rt.call<Download>('GET', `${path}/download`, { token: attendee });
    expect(again.json.downloadCount).toBe(2);
    const read = await rt.call<Material>('GET', path, { token: owner });
    expect(read.json.downloadCount).toBe(2);

    // Someone without a booking (or membership) is told it does not exist, as for an unknown id.
    const refused = await rt.call<{ code: string }>('GET', `${path}/download`, { token: stranger });
    expect(refused.status, refused.text).toBe(404);
    expect(refused.json.code).toBe('NOT_FOUND');
    // Not public: neither listed nor downloadable without a token.
    const listed = await rt.call<{ items: { materialId: string }[] }>(
      'GET',
      `/v1/public/orgs/${orgId}/events/${eventId}/materials`,
    );
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.items.map((m) => m.materialId)).not.toContain(materialId);
    const publicPath = `/v1/public/orgs/${orgId}/events/${eventId}/materials/${materialId}/download`;
    expect((await rt.call('GET', publicPath)).status).toBe(404);
  });

  it('a public material is listed and downloadable by anyone', async () => {
    const made = await createFile(materialsPath(), {
      title: 'Venue map',
      materialType: 'image',
      accessLevel: 'public',
      contentType: 'image/png',
      sizeBytes: 4,
    });
    await upload(made, Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    const { materialId } = made.material;
    expect(
      (await rt.call('POST', `${materialsPath()}/${materialId}/complete`, { token: owner })).status,
    ).toBe(200);
    const listed = await rt.call<{ items: { materialId: string }[] }>(
      'GET',
      `/v1/public/orgs/${orgId}/events/${eventId}/materials`,
    );
    expect(listed.json.items.map((m) => m.materialId)).toContain(materialId);
    const download = await rt.call<Download>(
      'GET',
      `/v1/public/orgs/${orgId}/events/${eventId}/materials/${materialId}/download`,
    );
    expect(download.status, download.text).toBe(200);
    expect((await fetch(download.json.url)).status).toBe(200);
  });

  it("a sponsors-only material is downloaded by a sponsor's representative, not by attendees or strangers", async () => {
    const rep = await rt.mintToken({ sub: 'mat-rep', email: 'rep@sponsor.example', name: 'Rep' });
    const sponsor = await rt.call<{ sponsorId: string; representatives: string[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sponsors`,
      { token: owner, body: { companyName: 'Engines Ltd', tier: 'gold', representatives: ['mat-rep'] } },
    );
    expect(sponsor.status, sponsor.text).toBe(201);
    expect(sponsor.json.representatives).toEqual(['mat-rep']);
    const made = await createFile(materialsPath(), {
      title: 'Booth guide',
      materialType: 'document',
      accessLevel: 'sponsors',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    await upload(made, pdf, 'application/pdf');
    const path = `${materialsPath()}/${made.material.materialId}`;
    expect((await rt.call('POST', `${path}/complete`, { token: owner })).status).toBe(200);

    const download = await rt.call<Download>('GET', `${path}/download`, { token: rep });
    expect(download.status, download.text).toBe(200);
    expect((await fetch(download.json.url)).status).toBe(200);
    for (const token of [attendee, stranger])
      expect((await rt.call('GET', `${path}/download`, { token })).status).toBe(404);
    // A cancelled sponsor's representatives lose it.
    const cancelled = await rt.call(
      'PATCH',
      `/v1/orgs/${orgId}/events/${eventId}/sponsors/${sponsor.json.sponsorId}`,
      {
        token: owner,
        body: { status: 'cancelled' },
      },
    );
    expect(cancelled.status, cancelled.text).toBe(200);
    expect((await rt.call('GET', `${path}/download`, { token: rep })).status).toBe(404);
  });

  it('refuses a type or size its material type does not allow, and an upload unlike its declaration', async () => {
    const refused = await rt.call<{ errors: { field: string }[] }>('POST', materialsPath(), {
      token: owner,
      body: {
        title: 'Huge',
        materialType: 'document',
        accessLevel: 'attendees',
        contentType: 'video/mp4',
        sizeBytes: 60 * 1024 * 1024,
      },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.errors.map((e) => e.field).sort()).toEqual(['contentType', 'sizeBytes']);

    const made = await createFile(materialsPath(), {
      title: 'Handout',
      materialType: 'document',
      accessLevel: 'attendees',
      contentType: 'text/plain',
      sizeBytes: 100,
    });
    const path = `${materialsPath()}/${made.material.materialId}`;
    // Nothing uploaded yet.
    expect((await rt.call('POST', `${path}/complete`, { token: owner })).status).toBe(422);
    // The signed length refuses a body of another size.
    const short = Buffer.from('only a few bytes');
    const put = await fetch(made.upload?.url ?? '', {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: short,
    });
    if (put.ok) {
      // An S3 that does not check the signed length (s3rver): completing finds the mismatch.
      const mismatch = await rt.call<{ errors: { field: string }[] }>('POST', `${path}/complete`, {
        token: owner,
      });
      expect(mismatch.status, mismatch.text).toBe(422);
      expect(mismatch.json.errors.map((e) => e.field)).toContain('sizeBytes');
    } else {
      expect(put.status).toBeGreaterThanOrEqual(400);
    }
    const still = await rt.call<Material>('GET', path, { token: owner });
    expect(still.json.status).toBe('pending_upload');
  });

  it("the event's deletion removes its materials and their files", async () => {
    const world = await publishedSession(rt, owner, {
      orgName: 'Materials gone',
      event: { title: 'Short-lived', defaultCapacity: 5 },
      session: { startsAt: berlinIn(40) },
    });
    const path = `/v1/orgs/${world.orgId}/events/${world.eventId}/materials`;
    const made = await createFile(path, {
      title: 'Recording',
      materialType: 'audio',
      accessLevel: 'speakers',
      contentType: 'audio/mpeg',
      sizeBytes: 3,
    });
    await upload(made, Buffer.from([1, 2, 3]), 'audio/mpeg');
    const key = `${world.orgId}/${world.eventId}/${made.material.materialId}`;
    expect(await objectExists(key)).toBe(true);

    const deleted = await rt.call('DELETE', `/v1/orgs/${world.orgId}/events/${world.eventId}`, {
      token: owner,
    });
    expect(deleted.status, deleted.text).toBe(202);
    const done = await eventually(
      () =>
        rt.call<{ status: string }>('GET', `/v1/orgs/${world.orgId}/deletions/${world.eventId}`, {
          token: owner,
        }),
      (r) => r.json.status === 'completed',
      30_000,
    );
    expect(done.json.status).toBe('completed');
    expect((await rt.call('GET', `${path}/${made.material.materialId}`, { token: owner })).status).toBe(404);
    expect(await objectExists(key)).toBe(false);
  }, 60_000);
});
