import { computeIkm, localDateOf, type IkmResponse } from '@layan/domain';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as ikmCommand } from '../../cli/commands/ikm.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import {
  createAuthTestApp,
  makeAgency,
  makeLocation,
  makeStaff,
  makeTenants,
  signIn,
  type AuthTestApp,
} from '../identity/identity.testing.ts';
import { inviteAfterServiceInTx } from './survey.service.ts';

let t: AuthTestApp;
const cookies: Record<string, string> = {};
let dukcapil = '';
let dinkes = '';
let mpp = '';
let surveyId = '';
const today = localDateOf(new Date(), 'Asia/Jakarta');
const year = today.slice(0, 4);

function call(method: 'GET' | 'POST' | 'PATCH', url: string, options: { as?: string; payload?: object } = {}) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: options.as ? { cookie: cookies[options.as]!, [CSRF_HEADER]: '1' } : {},
    ...(options.payload ? { payload: options.payload } : {}),
  });
}

async function staff(email: string, grants: Parameters<typeof makeStaff>[1]['grants']) {
  await makeStaff(t.deps, { email, regionCode: '35.10', grants });
  cookies[email.split('@')[0]!] = await signIn(t.app, email);
}

const answers = (...scores: Array<number | null>) => Object.fromEntries(scores.map((s, i) => [`U${i + 1}`, s]));

async function invite(as = 'loket') {
  const res = await call('POST', `/admin/tenants/35.10/surveys/${surveyId}/invitations`, { as, payload: {} });
  expect(res.statusCode).toBe(201);
  return res.json() as { token: string; url: string };
}

beforeAll(async () => {
  t = await createAuthTestApp();
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  dukcapil = await makeAgency(t.deps, '35.10', 'disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil');
  dinkes = await makeAgency(t.deps, '35.10', 'dinkes', 'Dinas Kesehatan');
  mpp = await makeLocation(t.deps, '35.10', 'mpp-banyuwangi');
  await staff('pemda@bwi.test', [{ role: 'admin_pemda', regionCode: '35.10' }]);
  await staff('dukcapil@bwi.test', [{ role: 'admin_instansi', regionCode: '35.10', agencyId: dukcapil }]);
  await staff('loket@bwi.test', [{ role: 'petugas_loket', regionCode: '35.10' }]);
  await staff('pemantau@bwi.test', [{ role: 'pemantau', regionCode: '35.10' }]);
});
afterAll(() => t?.close());

describe('survey rounds', () => {
  it('opens a round for a unit and period; an agency admin only for its own agency', async () => {
    const body = {
      title: `SKM Disdukcapil ${year}`,
      agencyId: dukcapil,
      locationId: mpp,
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      population: 60,
    };
    expect((await call('POST', '/admin/tenants/35.10/surveys', { payload: body })).statusCode).toBe(401);
    expect((await call('POST', '/admin/tenants/35.10/surveys', { as: 'loket', payload: body })).statusCode).toBe(403);
    const other = await call('POST', '/admin/tenants/35.10/surveys', { as: 'dukcapil', payload: { ...body, agencyId: dinkes } });
    expect(other.statusCode).toBe(403);
    const created = await call('POST', '/admin/tenants/35.10/surveys', { as: 'dukcapil', payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'open', agency: { id: dukcapil }, location: { id: mpp }, population: 60 });
    surveyId = created.json().id;
    const backwards = await call('POST', '/admin/tenants/35.10/surveys', {
      as: 'pemda',
      payload: { ...body, periodStart: `${year}-06-01`, periodEnd: `${year}-01-01` },
    });
    expect(backwards.json().error.code).toBe('SURVEY_PERIOD_INVALID');
  });

  it('lists every round to staff who run surveys, and only published ones to the public', async () => {
    expect((await call('GET', '/admin/tenants/35.10/surveys')).statusCode).toBe(401);
    expect((await call('GET', '/admin/tenants/35.10/surveys', { as: 'pemantau' })).statusCode).toBe(403);
    const staff = await call('GET', '/admin/tenants/35.10/surveys', { as: 'loket' });
    expect(staff.json().items.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([[surveyId, 'open']]);
    expect((await call('GET', '/tenants/35.10/surveys')).json().items).toEqual([]);
  });

  it('serves the questionnaire with the official labels per element', async () => {
    const res = await call('GET', '/skm/questionnaire');
    const u4 = res.json().questions.find((q: { code: string }) => q.code === 'U4');
    expect(u4.labels).toEqual(['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis']);
    expect(res.json().profile.sex.map((o: { code: string }) => o.code)).toEqual(['L', 'P']);
  });
});

describe('responses', () => {
  it('takes one response per invitation and refuses a second', async () => {
    const { token, url } = await invite();
    expect(url).toMatch(new RegExp(`/survei/${token}$`));
    const view = await call('GET', `/survey-invitations/${token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().survey.title).toContain('SKM Disdukcapil');
    const first = await call('POST', `/survey-invitations/${token}/response`, {
      payload: {
        answers: answers(4, 3, 3, 4, 3, 4, 4, 2, 3),
        profile: { ageBand: '30-39', sex: 'P', education: 's1', occupation: 'swasta' },
      },
    });
    expect(first.statusCode).toBe(201);
    const second = await call('POST', `/survey-invitations/${token}/response`, {
      payload: { answers: answers(1, 1, 1, 1, 1, 1, 1, 1, 1) },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('SURVEY_INVITATION_USED');
    expect((await call('GET', `/survey-invitations/${token}`)).json().error.code).toBe('SURVEY_INVITATION_USED');
  });

  it('refuses out-of-range answers, unknown elements and unknown tokens, writing nothing', async () => {
    const { token } = await invite();
    const count = () =>
      withScope(t.deps.database.db, NATIONAL, (trx) =>
        trx
          .selectFrom('survey_response')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ).then((r) => r.n);
    const before = await count();
    for (const bad of [answers(5, 3, 3, 3, 3, 3, 3, 3, 3), answers(0), { U10: 3 }, { U1: '3' }, {}]) {
      const res = await call('POST', `/survey-invitations/${token}/response`, { payload: { answers: bad } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('SKM_ANSWERS_INVALID');
    }
    const profile = await call('POST', `/survey-invitations/${token}/response`, {
      payload: { answers: answers(3), profile: { education: 'phd' } },
    });
    expect(profile.json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/survey-invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).json().error.code).toBe(
      'SURVEY_INVITATION_INVALID',
    );
    expect(await count()).toBe(before);
    // The invitation is still good after the refusals.
    expect(
      (await call('POST', `/survey-invitations/${token}/response`, { payload: { answers: answers(3, 3, 3, 3, 3, 3, 3, 3, 3) } }))
        .statusCode,
    ).toBe(201);
  });

  it('types in paper questionnaires (counter staff), never as an anonymous caller', async () => {
    const payload = { answers: answers(2, 3, 2, 4, 3, 3, 4, null, 3), profile: { sex: 'L' } };
    expect((await call('POST', `/admin/tenants/35.10/surveys/${surveyId}/responses`, { payload })).statusCode).toBe(401);
    expect(
      (await call('POST', `/admin/tenants/35.10/surveys/${surveyId}/responses`, { as: 'pemantau', payload })).statusCode,
    ).toBe(403);
    const res = await call('POST', `/admin/tenants/35.10/surveys/${surveyId}/responses`, { as: 'loket', payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().responses).toBe(3);
  });

  it('invites after a completed application once per event, in the caller’s transaction', async () => {
    const run = () =>
      withScope(t.deps.database.db, { regions: ['35.10'] }, (trx) =>
        inviteAfterServiceInTx(trx, {
          tenantCode: '35.10',
          agencyId: dukcapil,
          locationId: mpp,
          source: 'application',
          sourceRef: 'PMH-TEST-0001',
          recipient: { channel: 'email', address: 'Warga@Contoh.test', language: 'id' },
        }),
      );
    const first = await run();
    expect(first?.surveyId).toBe(surveyId);
    expect(await run()).toBeUndefined();
    const sent = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx.selectFrom('outbox_message').select(['recipient', 'data']).where('template', '=', 'survey.invitation').execute(),
    );
    expect(sent).toEqual([
      expect.objectContaining({ recipient: 'warga@contoh.test', data: expect.objectContaining({ surveyUrl: first!.url }) }),
    ]);
    // No open round for Dinkes: nothing to invite to.
    const none = await withScope(t.deps.database.db, { regions: ['35.10'] }, (trx) =>
      inviteAfterServiceInTx(trx, { tenantCode: '35.10', agencyId: dinkes, source: 'queue', sourceRef: 'A-001' }),
    );
    expect(none).toBeUndefined();
  });
});

describe('IKM', () => {
  it('is hidden from the public until the round is published; staff see it at once', async () => {
    const hidden = await call('GET', `/ikm?tenant=35.10&survey=${surveyId}`);
    expect(hidden.json().error.code).toBe('SURVEY_NOT_FOUND');
    const staffView = await call('GET', `/ikm?tenant=35.10&survey=${surveyId}`, { as: 'pemda' });
    expect(staffView.statusCode).toBe(200);
    expect(staffView.json().respondents).toBe(3);
    expect((await call('GET', '/ikm?tenant=35.10')).json().respondents).toBe(0);
  });

  it('equals the domain rule over the same answers, with the sample target from the users served', async () => {
    const published = await call('POST', `/admin/tenants/35.10/surveys/${surveyId}/publish`, { as: 'dukcapil' });
    expect(published.json().status).toBe('published');
    const closed = await call('POST', `/admin/tenants/35.10/surveys/${surveyId}/invitations`, { as: 'loket', payload: {} });
    expect(closed.json().error.code).toBe('SURVEY_CLOSED');
    const res = await call('GET', `/ikm?tenant=35.10&survey=${surveyId}&groupBy=location`);
    expect(res.statusCode).toBe(200);
    const ikm = res.json();
    const expected = computeIkm(
      [
        { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U8: 2, U9: 3 },
        { U1: 3, U2: 3, U3: 3, U4: 3, U5: 3, U6: 3, U7: 3, U8: 3, U9: 3 },
        { U1: 2, U2: 3, U3: 2, U4: 4, U5: 3, U6: 3, U7: 4, U9: 3 },
      ] as IkmResponse[],
      { population: 60 },
    );
    expect(ikm).toMatchObject({
      respondents: 3,
      ikm: expected.ikm,
      mutu: expected.mutu,
      kinerja: expected.kinerja,
      sampleTarget: 52,
    });
    expect(ikm.sample).toEqual({ population: 60, required: 52, respondents: 3, sufficient: false });
    expect(ikm.weakElements).toEqual(expected.weakElements);
    expect(ikm.groups).toHaveLength(1);
    expect(ikm.groups[0]).toMatchObject({ key: mpp, ikm: expected.ikm });
    // Other filters.
    expect((await call('GET', `/ikm?tenant=35.10&agency=${dinkes}`)).json().respondents).toBe(0);
    expect((await call('GET', `/ikm?tenant=35.10&from=${year}-01-01&to=${year}-12-31`)).json().ikm).toBe(expected.ikm);
    expect((await call('GET', '/ikm?tenant=35.10&from=2026-12-01&to=2026-01-01')).json().error.code).toBe(
      'SURVEY_PERIOD_INVALID',
    );
  });

  it('exports a CSV that `layan ikm` reads to the same IKM', async () => {
    const res = await call('GET', `/ikm/export.csv?tenant=35.10&survey=${surveyId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const api = (await call('GET', `/ikm?tenant=35.10&survey=${surveyId}`)).json();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-skm-'));
    const file = path.join(dir, 'skm.csv');
    fs.writeFileSync(file, res.body);
    let out = '';
    const code = await ikmCommand.run([file, '--group-by', 'instansi', '--population', '60'], {
      stdout: (s: string) => (out += s),
      stderr: () => {},
    });
    fs.rmSync(dir, { recursive: true });
    const cli = JSON.parse(out);
    expect(code).toBe(0);
    expect(cli).toMatchObject({ rows: 3, respondents: 3, ikm: api.ikm, mutu: api.mutu, kinerja: api.kinerja, badRows: [] });
    expect(cli.groups[0].group).toEqual({ instansi: 'Dinas Kependudukan dan Pencatatan Sipil' });
    expect(cli.sample.required).toBe(api.sampleTarget);
  });

  it('records the follow-up plan on the round', async () => {
    const followUp = [
      { element: 'U8', action: 'Membuka kanal pengaduan di loket MPP', owner: 'Sekretariat Disdukcapil', due: `${year}-12-31` },
    ];
    const res = await call('PATCH', `/admin/tenants/35.10/surveys/${surveyId}`, { as: 'dukcapil', payload: { followUp } });
    expect(res.json().followUp).toEqual(followUp);
    const bad = await call('PATCH', `/admin/tenants/35.10/surveys/${surveyId}`, {
      as: 'dukcapil',
      payload: { followUp: [{ element: 'U10', action: 'x', owner: 'y' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', '/tenants/35.10/surveys')).json().items.map((s: { id: string }) => s.id)).toEqual([surveyId]);
  });
});
