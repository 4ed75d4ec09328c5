import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatDateTime } from '@layan/domain';
import { t } from '$lib/i18n';
import { apiGet } from '$lib/server/api';
import { clearCitizenCookie, fieldErrorsOf, maskContact, type FieldError } from '$lib/server/citizen-api';
import { apiSend } from '$lib/server/staff-api';
import type { ApplicationSummary } from '../permohonan/application';
import { zoneOf } from '../permohonan/application.server';
import type { Actions, PageServerLoad } from './$types';

interface Profile {
  id: string;
  name: string;
  nik: string;
  email: string | null;
  phone: string | null;
  hasPassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}
interface ConsentRecord {
  purpose: string;
  version: number;
  givenAt: string;
  withdrawnAt: string | null;
  active: boolean;
  currentVersion: number;
}
interface ConsentNotice {
  purpose: string;
  version: number;
  title: { id: string; en: string };
  text: { id: string; en: string };
}
interface DataRequest {
  id: string;
  kind: 'correction' | 'deletion';
  detail: string;
  status: 'open' | 'closed';
  createdAt: string;
  dueAt: string;
  overdue: boolean;
  outcome: 'completed' | 'rejected' | null;
  resolution: string | null;
  handledAt: string | null;
}

/** Times are shown in WIB: citizens are national records, not any one region's. */
const wib = (iso: string | null) => (iso ? formatDateTime(new Date(iso), 'Asia/Jakarta') : null);

/** Signed out (or the session ended): back to the sign-in page, forgetting the stale cookie. */
function toSignIn(event: RequestEvent): never {
  clearCitizenCookie(event.cookies, event.url.protocol === 'https:');
  redirect(303, '/masuk');
}

export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store' });
  const me = await apiGet<Profile>(event, '/api/v1/me');
  if (!me.ok) {
    if (me.error.status === 401) toSignIn(event);
    error(me.error.status, { message: me.error.message, code: me.error.code });
  }
  const [consents, notices, requests, applications] = await Promise.all([
    apiGet<{ items: ConsentRecord[] }>(event, '/api/v1/me/consents'),
    apiGet<{ items: ConsentNotice[] }>(event, '/api/v1/consent-notices'),
    apiGet<{ items: DataRequest[] }>(event, '/api/v1/me/data-requests'),
    apiGet<{ items: ApplicationSummary[] }>(event, '/api/v1/me/applications'),
  ]);
  const lang = event.locals.lang;
  const records = consents.ok ? consents.data.items : [];
  return {
    profile: {
      name: me.data.name,
      nik: me.data.nik,
      email: maskContact(me.data.email),
      phone: maskContact(me.data.phone),
      createdAt: wib(me.data.createdAt),
    },
    consents: (notices.ok ? notices.data.items : []).map((notice) => {
      // Newest first: the first record of the purpose is its latest state.
      const latest = records.find((r) => r.purpose === notice.purpose);
      return {
        purpose: notice.purpose,
        version: notice.version,
        title: notice.title[lang] ?? notice.title.id,
        text: notice.text[lang] ?? notice.text.id,
        active: latest?.active ?? false,
        outdated: latest?.active === true && latest.version < notice.version,
        givenAt: wib(latest?.givenAt ?? null),
        withdrawnAt: wib(latest?.withdrawnAt ?? null),
      };
    }),
    // Applications are shown in their tenant's zone: the deadline is that region's working day.
    applications: (applications.ok ? applications.data.items : []).map((a) => {
      const zone = zoneOf(a.tenantCode);
      const at = (iso: string | null) => (iso ? formatDateTime(new Date(iso), zone) : null);
      return {
        id: a.id,
        trackingCode: a.trackingCode,
        serviceName: a.service.name,
        agencyName: a.agency.name,
        state: a.state,
        stateLabel: a.stateLabel[lang] ?? a.stateLabel.id,
        risk: a.sla.risk,
        createdAt: at(a.createdAt)!,
        dueAt: a.closedAt ? null : at(a.sla.dueAt),
      };
    }),
    requests: (requests.ok ? requests.data.items : []).map((r) => ({
      ...r,
      createdAt: wib(r.createdAt)!,
      dueAt: wib(r.dueAt)!,
      handledAt: wib(r.handledAt),
    })),
  };
};

async function consentAction(event: RequestEvent, method: 'POST' | 'DELETE') {
  const form = await event.request.formData();
  const purpose = String(form.get('purpose') ?? '');
  const result = await apiSend<unknown>(event, {
    method,
    url: `/api/v1/me/consents/${encodeURIComponent(purpose)}`,
    ...(method === 'POST' ? { body: {} } : {}),
  });
  if (!result.ok) {
    if (result.error.status === 401) toSignIn(event);
    return fail(400, {
      action: 'consent' as const,
      purpose,
      errors: [{ field: `consent-${purpose}`, message: result.error.message }],
    });
  }
  return { action: 'consent' as const, purpose, given: method === 'POST', errors: [] as FieldError[] };
}

export const actions: Actions = {
  berikan: (event) => consentAction(event, 'POST'),
  tarik: (event) => consentAction(event, 'DELETE'),

  permintaan: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const kindValue = String(form.get('kind') ?? '');
    const detail = String(form.get('detail') ?? '').trim();
    const errors: FieldError[] = [];
    if (kindValue !== 'correction' && kindValue !== 'deletion')
      errors.push({ field: 'kind', message: t(lang, 'account.kindRequired') });
    if (!detail) errors.push({ field: 'detail', message: t(lang, 'account.detailRequired') });
    if (errors.length > 0) return fail(400, { action: 'request' as const, kind: kindValue, detail, errors });
    const result = await apiSend<DataRequest>(event, {
      method: 'POST',
      url: '/api/v1/me/data-requests',
      body: { kind: kindValue, detail },
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(400, { action: 'request' as const, kind: kindValue, detail, errors: fieldErrorsOf(result, lang, 'detail') });
    }
    return { action: 'request' as const, dueAt: wib(result.data.dueAt), errors: [] as FieldError[] };
  },

  keluar: async (event) => {
    await apiSend<unknown>(event, { method: 'POST', url: '/api/v1/auth/citizen/sign-out', body: {} });
    clearCitizenCookie(event.cookies, event.url.protocol === 'https:');
    redirect(303, '/masuk?keluar=1');
  },
};
