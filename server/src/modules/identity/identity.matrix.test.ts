import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FormDefinition } from '@layan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { seedDemo } from '../../db/seeds/demo.ts';
import { makeService, pdfBytes } from '../application/application.testing.ts';
import { linkCitizenInTx } from '../citizen/citizen.link.repo.ts';
import { encryptNik, hashNik, resolveCitizenKeys } from '../citizen/citizen.nik.ts';
import { CITIZEN_SESSION_COOKIE } from '../citizen/citizen.plugin.ts';
import { insertCitizenInTx, insertCitizenSessionInTx } from '../citizen/citizen.repo.ts';
import { filingForm } from '../complaint/complaint.testing.ts';
import { issueSample } from '../document/document.testing.ts';
import { enqueueInTx } from '../outbox/outbox.repo.ts';
import { STAFF_ROLES, type StaffRole } from './identity.authorize.ts';
import { CSRF_HEADER } from './identity.plugin.ts';
import { createAuthTestApp, makeLocation, makeStaff, makeTenants, signIn, type AuthTestApp } from './identity.testing.ts';

/**
 * Routes under /api/v1 that work in progress is adding and that this matrix does not cover yet. A
 * route is exempt when its path starts with one of these AND it has no entry below. Empty: every
 * route is in ROUTES or PUBLIC_ROUTES, so a route added later without an entry makes the test fail.
 */
const PENDING_PREFIXES: readonly string[] = [];

/** Routes anyone may call: sign-in and sign-up steps, the public catalog and region tree, SSO. */
const PUBLIC_ROUTES = new Set([
  'GET /api/v1/regions',
  'GET /api/v1/regions/summary',
  'GET /api/v1/regions/:code',
  'GET /api/v1/regions/:code/children',
  'GET /api/v1/agencies',
  'GET /api/v1/locations',
  'GET /api/v1/services',
  'GET /api/v1/services/popular',
  'GET /api/v1/services/:idOrSlug',
  'GET /api/v1/services/:idOrSlug/form',
  'GET /api/v1/services/:idOrSlug/versions',
  'GET /api/v1/consent-notices',
  'POST /api/v1/auth/staff/sign-in',
  'POST /api/v1/auth/citizen/otp',
  'POST /api/v1/auth/citizen/verify',
  'POST /api/v1/auth/citizen/sign-in',
  'GET /api/v1/auth/oidc/providers',
  'GET /api/v1/auth/oidc/:provider/start',
  'GET /api/v1/auth/oidc/:provider/callback',
  // Output documents: public keys and verification (docs/DOCUMENTS.md).
  'GET /api/v1/signing-keys',
  'POST /api/v1/verify',
  // Queues: booking page, kiosk, ticket, board (docs/QUEUE.md "Public (no sign-in)").
  'GET /api/v1/queue/locations/:location',
  'GET /api/v1/queue/locations/:location/slots',
  'POST /api/v1/queue/locations/:location/bookings',
  'GET /api/v1/queue/bookings/:code',
  'GET /api/v1/queue/bookings/:code/qr.svg',
  'POST /api/v1/queue/bookings/:code/cancel',
  'POST /api/v1/queue/bookings/:code/reschedule',
  'POST /api/v1/queue/locations/:location/tickets',
  'POST /api/v1/queue/locations/:location/check-in',
  'GET /api/v1/queue/tickets/:ticket',
  'GET /api/v1/queue/locations/:location/board',
  'GET /api/v1/queue/locations/:location/events',
  // Complaints: filing with or without an account, the tracking code as the key, public statistics.
  'GET /api/v1/complaints/categories',
  'POST /api/v1/complaints',
  'GET /api/v1/complaints/track/:code',
  'POST /api/v1/complaints/track/:code/reopen',
  'POST /api/v1/complaints/track/:code/rating',
  'GET /api/v1/tenants/:tenant/complaints/stats',
  // SKM: the questionnaire, published rounds, answering an invitation, IKM of published rounds.
  'GET /api/v1/skm/questionnaire',
  'GET /api/v1/tenants/:tenant/surveys',
  'GET /api/v1/survey-invitations/:token',
  'POST /api/v1/survey-invitations/:token/response',
  'GET /api/v1/ikm',
  'GET /api/v1/ikm/export.csv',
  // Tracking an application by its code (docs/APPLICATIONS.md).
  'GET /api/v1/track/:code',
]);

// Every protected route × every caller (the anonymous, a signed-in citizen, each staff role) ×
// {inside, outside} the caller's scope. Each role is granted at Kabupaten Banyuwangi (35.10) —
// admin instansi narrowed to one agency, operator desa at a desa — except admin nasional (all of
// Indonesia). "Outside" targets Kabupaten Jember (35.09).

type Where = 'inside' | 'outside';
type Caller = StaffRole | 'anonymous' | 'citizen';
interface Target {
  tenant: string;
  agency: string;
  location: string;
  counter: string;
  /** A staff account homed in the tenant (for grant changes). */
  staff: string;
  /** A citizen linked to the tenant (at Desa Kemiren inside, so the operator desa reaches them). */
  citizen: string;
  citizenNik: string;
  /** A service of `agency` (inside); none exists outside, so the id is unknown there. */
  service: string;
  /** A queue at `location`, which `counter` calls from. */
  queue: string;
  /** An open SKM round of `agency`. */
  survey: string;
  /** A published service of `agency` with MATRIX_FORM (citizens apply for it). */
  formService: string;
  /** A submitted application for `formService`, of the inside target's citizen. */
  application: string;
  /** The citizen's scan attached to `application`. */
  upload: string;
  /** A complaint verified and disposed to `agency`. */
  complaint: string;
  /** The evidence file filed with `complaint`. */
  complaintEvidence: string;
}
interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
  /** Replaces the caller's cookie (routes that end the session they are called with). */
  cookie?: string;
}
interface Context {
  caller: Caller;
  n: number;
  /** The status this case expects: fixtures a success consumes are made only when it is a success. */
  status: number;
  /** A new session of the caller, for routes that end it. */
  freshCookie(): Promise<string | undefined>;
}
interface Route {
  /** "METHOD path" exactly as Fastify registered it. */
  route: string;
  /**
   * Who may: staff roles (inside their scope), 'staff' (any signed-in staff, no scope), or
   * 'citizen' (a signed-in citizen only).
   */
  allowed: StaffRole[] | 'staff' | 'citizen';
  ok: number;
  /** When allowed outside the scope is answered by something other than 403 (ids outside are not found). */
  outside?: number;
  /** Admin nasional's answer outside, when no such record exists in the other tenant. */
  nationalOutside?: number;
  /**
   * Answers of callers that pass the route's own check though `allowed` does not name them: a
   * signed-in citizen on a route citizens share with staff, a role that may upload but not see
   * the application a file belongs to.
   */
  others?: Partial<Record<Caller, number>>;
  request: (target: Target, context: Context) => Request | Promise<Request>;
}

const WRITERS: StaffRole[] = ['admin_nasional', 'admin_pemda'];
const AGENCY_WRITERS: StaffRole[] = ['admin_nasional', 'admin_pemda', 'admin_instansi'];
const READERS: StaffRole[] = ['admin_nasional', 'admin_pemda', 'admin_instansi', 'supervisor', 'pemantau'];
const CITIZEN_READERS: StaffRole[] = [
  'admin_nasional',
  'admin_pemda',
  'admin_instansi',
  'supervisor',
  'petugas_loket',
  'petugas_back_office',
  'operator_desa',
];

const QUEUE_OPERATORS: StaffRole[] = ['admin_nasional', 'admin_pemda', 'supervisor', 'petugas_loket'];
const QUEUE_MANAGERS: StaffRole[] = ['admin_nasional', 'admin_pemda', 'supervisor'];
/** The coordinator (admin nasional, admin Pemda) and the agency's handlers. */
const COMPLAINT_STAFF: StaffRole[] = ['admin_nasional', 'admin_pemda', 'admin_instansi', 'petugas_back_office'];
const SURVEY_ENTERERS: StaffRole[] = [
  'admin_nasional',
  'admin_pemda',
  'admin_instansi',
  'supervisor',
  'petugas_loket',
  'petugas_back_office',
];

/** Who uploads besides citizens: staff who handle applications or assist citizens. */
const UPLOADERS: StaffRole[] = ['admin_instansi', 'supervisor', 'petugas_loket', 'petugas_back_office', 'operator_desa'];
const APPLICATION_HANDLERS: StaffRole[] = ['admin_instansi', 'supervisor', 'petugas_loket', 'petugas_back_office'];
const APPLICATION_SUPERVISORS: StaffRole[] = ['admin_pemda', 'admin_instansi', 'supervisor', 'pemantau'];

/** One required text field and a scan: enough to submit, assisted or not. */
const MATRIX_FORM: FormDefinition = {
  id: 'matriks',
  version: 1,
  title: { id: 'Permohonan matriks' },
  fields: [
    { key: 'nama', type: 'text', label: { id: 'Nama lengkap' }, required: true, minLength: 2, maxLength: 100 },
    { key: 'ktp', type: 'file', label: { id: 'Pindaian KTP' }, accept: ['application/pdf'], maxBytes: 1024 * 1024 },
  ],
};

let t: AuthTestApp;
const cookies = new Map<Caller, string>();
const targets: Record<Where, Target> = {} as never;
let nationalCookie = '';
let citizenId = '';
/** A draft of the signed-in citizen's, to save and then submit. */
let draftId = '';
/** An upload of the signed-in citizen's. */
let ownUpload = '';
let n = 0;

function inject(request: Request, cookie: string | undefined) {
  return t.app.inject({
    method: request.method,
    url: request.url,
    headers: { [CSRF_HEADER]: '1', ...request.headers, ...(cookie ? { cookie } : {}) },
    ...(request.payload ? { payload: request.payload } : {}),
  });
}

const ROUTES: Route[] = [
  // --- any signed-in staff: own session, sessions, TOTP -------------------------------------
  {
    route: 'GET /api/v1/auth/session',
    allowed: 'staff',
    ok: 200,
    request: () => ({ method: 'GET', url: '/api/v1/auth/session' }),
  },
  {
    route: 'GET /api/v1/auth/sessions',
    allowed: 'staff',
    ok: 200,
    request: () => ({ method: 'GET', url: '/api/v1/auth/sessions' }),
  },
  {
    // Someone else's (or no) session: not found, after the sign-in check.
    route: 'DELETE /api/v1/auth/sessions/:id',
    allowed: 'staff',
    ok: 404,
    request: () => ({ method: 'DELETE', url: `/api/v1/auth/sessions/${randomUUID()}` }),
  },
  {
    route: 'POST /api/v1/auth/staff/sign-out',
    allowed: 'staff',
    ok: 204,
    request: async (_t, c) => ({
      method: 'POST',
      url: '/api/v1/auth/staff/sign-out',
      payload: {},
      cookie: await c.freshCookie(),
    }),
  },
  {
    // Confirming without an enrolment started is a conflict, after the sign-in check (enrolling
    // for real would put a TOTP step in front of every later sign-in of the role). So this entry
    // comes before the enrolment's: cases run in order.
    route: 'POST /api/v1/auth/staff/totp/confirm',
    allowed: 'staff',
    ok: 409,
    request: async (_t, c) => {
      const cookie = await c.freshCookie();
      return { method: 'POST', url: '/api/v1/auth/staff/totp/confirm', payload: { otp: '123456' }, cookie };
    },
  },

  {
    route: 'POST /api/v1/auth/staff/totp/enrol',
    allowed: 'staff',
    ok: 200,
    request: () => ({ method: 'POST', url: '/api/v1/auth/staff/totp/enrol', payload: {} }),
  },

  // --- staff administration ------------------------------------------------------------------
  {
    route: 'GET /api/v1/admin/staff',
    allowed: WRITERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/staff?region=${t.tenant}` }),
  },
  {
    route: 'POST /api/v1/admin/staff',
    allowed: WRITERS,
    ok: 201,
    request: (t, c) => ({
      method: 'POST',
      url: '/api/v1/admin/staff',
      payload: {
        email: `m${c.n}@matrix.test`,
        name: 'Petugas Matriks',
        regionCode: t.tenant,
        grants: [{ role: 'petugas_loket', regionCode: t.tenant }],
      },
    }),
  },
  {
    route: 'POST /api/v1/admin/staff/:id/grants',
    allowed: WRITERS,
    ok: 201,
    outside: 404,
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/admin/staff/${t.staff}/grants`,
      payload: { role: 'petugas_back_office', regionCode: t.tenant },
    }),
  },
  {
    route: 'DELETE /api/v1/admin/staff/:id/grants/:grantId',
    allowed: WRITERS,
    ok: 204,
    outside: 404,
    request: async (t) => {
      const granted = await inject(
        {
          method: 'POST',
          url: `/api/v1/admin/staff/${t.staff}/grants`,
          payload: { role: 'supervisor', regionCode: t.tenant },
        },
        nationalCookie,
      );
      const grant = granted.json().grants.find((g: { role: string }) => g.role === 'supervisor');
      return { method: 'DELETE', url: `/api/v1/admin/staff/${t.staff}/grants/${grant.id}` };
    },
  },
  {
    route: 'POST /api/v1/admin/tenants',
    allowed: ['admin_nasional'],
    ok: 201,
    request: (_t, c) => ({
      method: 'POST',
      url: '/api/v1/admin/tenants',
      payload: { regionCode: `35.${20 + (c.n % 9)}`, name: 'Pemerintah Kabupaten' },
    }),
  },

  // --- structure -----------------------------------------------------------------------------
  {
    route: 'GET /api/v1/admin/tenants/:tenant/agencies',
    allowed: READERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/agencies` }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/agencies',
    allowed: WRITERS,
    ok: 201,
    request: (t, c) => ({
      method: 'POST',
      url: `/api/v1/admin/tenants/${t.tenant}/agencies`,
      payload: { slug: `instansi-${c.n}`, name: 'Instansi Matriks', kind: 'daerah' },
    }),
  },
  {
    route: 'PATCH /api/v1/admin/tenants/:tenant/agencies/:id',
    allowed: AGENCY_WRITERS,
    ok: 200,
    request: (t) => ({
      method: 'PATCH',
      url: `/api/v1/admin/tenants/${t.tenant}/agencies/${t.agency}`,
      payload: { active: true },
    }),
  },
  {
    route: 'GET /api/v1/admin/tenants/:tenant/locations',
    allowed: READERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/locations` }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/locations',
    allowed: WRITERS,
    ok: 201,
    request: (t, c) => ({
      method: 'POST',
      url: `/api/v1/admin/tenants/${t.tenant}/locations`,
      payload: {
        slug: `lokasi-${c.n}`,
        name: 'Lokasi Matriks',
        kind: 'kantor_kecamatan',
        regionCode: t.tenant,
        address: 'Jl. Matriks',
      },
    }),
  },
  {
    route: 'PATCH /api/v1/admin/tenants/:tenant/locations/:id',
    allowed: WRITERS,
    ok: 200,
    request: (t) => ({
      method: 'PATCH',
      url: `/api/v1/admin/tenants/${t.tenant}/locations/${t.location}`,
      payload: { active: true },
    }),
  },
  {
    route: 'GET /api/v1/admin/tenants/:tenant/counters',
    allowed: READERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/counters` }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/counters',
    allowed: AGENCY_WRITERS,
    ok: 201,
    request: (t, c) => ({
      method: 'POST',
      url: `/api/v1/admin/tenants/${t.tenant}/counters`,
      payload: { locationId: t.location, agencyId: t.agency, code: `M${c.n}`, name: 'Loket Matriks' },
    }),
  },
  {
    route: 'PATCH /api/v1/admin/tenants/:tenant/counters/:id',
    allowed: AGENCY_WRITERS,
    ok: 200,
    request: (t) => ({
      method: 'PATCH',
      url: `/api/v1/admin/tenants/${t.tenant}/counters/${t.counter}`,
      payload: { active: true },
    }),
  },

  // --- catalog changes -----------------------------------------------------------------------
  {
    route: 'POST /api/v1/admin/tenants/:tenant/services/:id/versions',
    allowed: AGENCY_WRITERS,
    ok: 201,
    nationalOutside: 404,
    request: (t, c) => ({
      method: 'POST',
      url: `/api/v1/admin/tenants/${t.tenant}/services/${t.service}/versions`,
      payload: { changeNote: `Matriks ${c.n}`, changes: { serviceTime: { amount: 3, unit: 'working_days' } } },
    }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/services/:id/versions/:version/publish',
    allowed: AGENCY_WRITERS,
    ok: 200,
    nationalOutside: 404,
    request: async (t, c) => {
      let version = 1;
      if (t.tenant === targets.inside.tenant) {
        const draft = await inject(
          {
            method: 'POST',
            url: `/api/v1/admin/tenants/${t.tenant}/services/${t.service}/versions`,
            payload: { changeNote: `Matriks terbit ${c.n}`, changes: { serviceTime: { amount: 4, unit: 'working_days' } } },
          },
          nationalCookie,
        );
        version = draft.json().version;
      }
      return { method: 'POST', url: `/api/v1/admin/tenants/${t.tenant}/services/${t.service}/versions/${version}/publish` };
    },
  },

  // --- citizens' records as staff see them ---------------------------------------------------
  {
    route: 'GET /api/v1/staff/citizens/:id',
    allowed: CITIZEN_READERS,
    ok: 200,
    outside: 404,
    request: (t) => ({ method: 'GET', url: `/api/v1/staff/citizens/${t.citizen}` }),
  },
  {
    route: 'GET /api/v1/staff/citizens',
    allowed: CITIZEN_READERS,
    ok: 200,
    outside: 404,
    request: (t) => ({ method: 'GET', url: `/api/v1/staff/citizens?nik=${t.citizenNik}` }),
  },
  {
    route: 'GET /api/v1/admin/data-requests',
    allowed: ['admin_nasional'],
    ok: 200,
    request: () => ({ method: 'GET', url: '/api/v1/admin/data-requests?status=all' }),
  },
  {
    route: 'POST /api/v1/admin/data-requests/:id/close',
    allowed: ['admin_nasional'],
    ok: 200,
    request: async (_t, c) => {
      const asked = await inject(
        {
          method: 'POST',
          url: '/api/v1/me/data-requests',
          payload: { kind: 'correction', detail: `Nama saya salah eja (${c.n})` },
        },
        cookies.get('citizen'),
      );
      return {
        method: 'POST',
        url: `/api/v1/admin/data-requests/${asked.json().id}/close`,
        payload: { outcome: 'completed', resolution: 'Sudah dibetulkan' },
      };
    },
  },

  // --- a citizen's own account ---------------------------------------------------------------
  { route: 'GET /api/v1/me', allowed: 'citizen', ok: 200, request: () => ({ method: 'GET', url: '/api/v1/me' }) },
  {
    route: 'PATCH /api/v1/me',
    allowed: 'citizen',
    ok: 200,
    request: () => ({ method: 'PATCH', url: '/api/v1/me', payload: { name: 'Warga Matriks' } }),
  },
  {
    route: 'POST /api/v1/me/password',
    allowed: 'citizen',
    ok: 204,
    request: (_t, c) => ({
      method: 'POST',
      url: '/api/v1/me/password',
      // Setting a password ends the citizen's *other* sessions; the one calling stays.
      payload: { newPassword: `kata-sandi-warga-matriks-${c.n}` },
    }),
  },
  {
    route: 'GET /api/v1/me/consents',
    allowed: 'citizen',
    ok: 200,
    request: () => ({ method: 'GET', url: '/api/v1/me/consents' }),
  },
  {
    route: 'POST /api/v1/me/consents/:purpose',
    allowed: 'citizen',
    ok: 201,
    request: () => ({ method: 'POST', url: '/api/v1/me/consents/survei', payload: {} }),
  },
  {
    route: 'DELETE /api/v1/me/consents/:purpose',
    allowed: 'citizen',
    ok: 200,
    request: () => ({ method: 'DELETE', url: '/api/v1/me/consents/survei' }),
  },
  { route: 'GET /api/v1/me/data', allowed: 'citizen', ok: 200, request: () => ({ method: 'GET', url: '/api/v1/me/data' }) },
  {
    route: 'POST /api/v1/me/data-requests',
    allowed: 'citizen',
    ok: 201,
    request: () => ({
      method: 'POST',
      url: '/api/v1/me/data-requests',
      payload: { kind: 'deletion', detail: 'Hapus nomor telepon lama saya' },
    }),
  },
  {
    route: 'GET /api/v1/me/data-requests',
    allowed: 'citizen',
    ok: 200,
    request: () => ({ method: 'GET', url: '/api/v1/me/data-requests' }),
  },
  {
    route: 'POST /api/v1/auth/citizen/sign-out',
    allowed: 'citizen',
    ok: 204,
    request: async (_t, c) => ({
      method: 'POST',
      url: '/api/v1/auth/citizen/sign-out',
      payload: {},
      cookie: await c.freshCookie(),
    }),
  },
  // --- output documents (docs/DOCUMENTS.md) --------------------------------------------------
  {
    route: 'GET /api/v1/documents/:id/pdf',
    allowed: 'citizen',
    ok: 200,
    request: async (_t, c) => {
      const id = c.status === 200 ? (await issueSample(t.deps, { citizenId })).documentId : randomUUID();
      return { method: 'GET', url: `/api/v1/documents/${id}/pdf` };
    },
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/signing-keys/rotate',
    allowed: WRITERS,
    ok: 200,
    request: (t) => ({ method: 'POST', url: `/api/v1/admin/tenants/${t.tenant}/signing-keys/rotate`, payload: {} }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/documents/:id/revoke',
    allowed: ['admin_nasional', 'admin_pemda', 'supervisor'],
    ok: 200,
    request: async (target, c) => {
      // A document of the target tenant for each revocation that succeeds (a second one is 409).
      const id = c.status === 200 ? (await issueSample(t.deps, { tenantCode: target.tenant })).documentId : randomUUID();
      return {
        method: 'POST',
        url: `/api/v1/admin/tenants/${target.tenant}/documents/${id}/revoke`,
        payload: { reason: 'Diterbitkan keliru' },
      };
    },
  },

  // --- outbox administration (docs/NOTIFICATIONS.md) -----------------------------------------
  {
    // No region in the request: a Pemda admin lists its own tenant's messages wherever "outside" is.
    route: 'GET /api/v1/admin/outbox',
    allowed: WRITERS,
    ok: 200,
    outside: 200,
    request: () => ({ method: 'GET', url: '/api/v1/admin/outbox' }),
  },
  {
    route: 'POST /api/v1/admin/outbox/:id/retry',
    allowed: WRITERS,
    ok: 200,
    outside: 404,
    request: async (t, c) => {
      // A dead letter of the target tenant for every allowed case (a retried one is no longer dead).
      const id = c.status === 200 || c.status === 404 ? await deadLetter(t.tenant, c.n) : randomUUID();
      return { method: 'POST', url: `/api/v1/admin/outbox/${id}/retry`, payload: {} };
    },
  },

  // --- queues: counters, setup, statistics (docs/QUEUE.md) -----------------------------------
  {
    route: 'GET /api/v1/queue/locations/:location/counters',
    allowed: QUEUE_OPERATORS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/queue/locations/${t.location}/counters` }),
  },
  {
    route: 'GET /api/v1/queue/counters/:counter',
    allowed: QUEUE_OPERATORS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/queue/counters/${t.counter}` }),
  },
  {
    // Nobody waits: the call finds no ticket, after the grant check.
    route: 'POST /api/v1/queue/counters/:counter/call-next',
    allowed: QUEUE_OPERATORS,
    ok: 200,
    request: (t) => ({ method: 'POST', url: `/api/v1/queue/counters/${t.counter}/call-next`, payload: {} }),
  },
  // The counter has no ticket called or being served: each step finds none, after the grant check.
  ...(['recall', 'no-show', 'start', 'finish'] as const).map((step): Route => ({
    route: `POST /api/v1/queue/counters/:counter/${step}`,
    allowed: QUEUE_OPERATORS,
    ok: 404,
    request: (t) => ({ method: 'POST', url: `/api/v1/queue/counters/${t.counter}/${step}`, payload: {} }),
  })),
  {
    route: 'POST /api/v1/queue/counters/:counter/call/:ticket',
    allowed: QUEUE_OPERATORS,
    ok: 404,
    request: (t) => ({ method: 'POST', url: `/api/v1/queue/counters/${t.counter}/call/${randomUUID()}`, payload: {} }),
  },
  {
    route: 'POST /api/v1/queue/counters/:counter/transfer',
    allowed: QUEUE_OPERATORS,
    ok: 404,
    request: (t) => ({ method: 'POST', url: `/api/v1/queue/counters/${t.counter}/transfer`, payload: { queueId: t.queue } }),
  },
  {
    route: 'POST /api/v1/queue/counters/:counter/link',
    allowed: QUEUE_OPERATORS,
    ok: 404,
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/queue/counters/${t.counter}/link`,
      payload: { ticketId: randomUUID(), applicationId: randomUUID() },
    }),
  },
  {
    route: 'POST /api/v1/queue/locations/:location/queues',
    allowed: QUEUE_MANAGERS,
    ok: 201,
    request: (t, c) => ({
      method: 'POST',
      url: `/api/v1/queue/locations/${t.location}/queues`,
      payload: { code: queueCode(c.n), name: 'Antrean Matriks' },
    }),
  },
  {
    route: 'PATCH /api/v1/queue/queues/:queue',
    allowed: QUEUE_MANAGERS,
    ok: 200,
    request: (t) => ({ method: 'PATCH', url: `/api/v1/queue/queues/${t.queue}`, payload: { name: 'Antrean Sasaran' } }),
  },
  {
    route: 'PUT /api/v1/queue/counters/:counter/skills',
    allowed: QUEUE_MANAGERS,
    ok: 200,
    request: (t) => ({ method: 'PUT', url: `/api/v1/queue/counters/${t.counter}/skills`, payload: { queueIds: [t.queue] } }),
  },
  {
    route: 'GET /api/v1/queue/locations/:location/stats',
    allowed: READERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/queue/locations/${t.location}/stats` }),
  },

  // --- complaints as staff handle them (docs/COMPLAINTS.md) ----------------------------------
  {
    route: 'GET /api/v1/admin/tenants/:tenant/complaints',
    allowed: COMPLAINT_STAFF,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/complaints` }),
  },
  {
    route: 'GET /api/v1/admin/tenants/:tenant/complaints/export',
    allowed: WRITERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/complaints/export?from=2026-01-01&to=2026-12-31` }),
  },
  {
    // Disposed to the target's agency: the coordinator and that agency's handlers see it.
    route: 'GET /api/v1/admin/tenants/:tenant/complaints/:id',
    allowed: COMPLAINT_STAFF,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/complaints/${t.complaint}` }),
  },
  {
    // Its evidence: the coordinator and the handlers of the agency it is disposed to download it.
    route: 'GET /api/v1/admin/tenants/:tenant/complaints/:id/evidence/:evidenceId',
    allowed: COMPLAINT_STAFF,
    ok: 200,
    request: (t) => ({
      method: 'GET',
      url: `/api/v1/admin/tenants/${t.tenant}/complaints/${t.complaint}/evidence/${t.complaintEvidence}`,
    }),
  },
  {
    // Verifying a complaint already disposed is refused (409) once the caller is let in and reaches it.
    route: 'POST /api/v1/admin/tenants/:tenant/complaints/:id/:action',
    allowed: COMPLAINT_STAFF,
    ok: 409,
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/admin/tenants/${t.tenant}/complaints/${t.complaint}/verify`,
      payload: { responseClass: 'sedang' },
    }),
  },
  {
    // Only the coordinator escalates; an agency handler is refused.
    route: 'POST /api/v1/admin/tenants/:tenant/complaints/escalate',
    allowed: WRITERS,
    ok: 200,
    request: (t) => ({ method: 'POST', url: `/api/v1/admin/tenants/${t.tenant}/complaints/escalate`, payload: {} }),
  },

  // --- SKM rounds (docs/SKM.md) ---------------------------------------------------------------
  {
    route: 'GET /api/v1/admin/tenants/:tenant/surveys',
    allowed: SURVEY_ENTERERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/surveys` }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/surveys',
    allowed: AGENCY_WRITERS,
    ok: 201,
    request: (t, c) => ({ method: 'POST', url: `/api/v1/admin/tenants/${t.tenant}/surveys`, payload: surveyBody(t, c.n) }),
  },
  {
    route: 'PATCH /api/v1/admin/tenants/:tenant/surveys/:id',
    allowed: AGENCY_WRITERS,
    ok: 200,
    request: (t) => ({
      method: 'PATCH',
      url: `/api/v1/admin/tenants/${t.tenant}/surveys/${t.survey}`,
      payload: { population: 1200 },
    }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/surveys/:id/invitations',
    allowed: SURVEY_ENTERERS,
    ok: 201,
    request: (t) => ({ method: 'POST', url: `/api/v1/admin/tenants/${t.tenant}/surveys/${t.survey}/invitations`, payload: {} }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/surveys/:id/responses',
    allowed: SURVEY_ENTERERS,
    ok: 201,
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/admin/tenants/${t.tenant}/surveys/${t.survey}/responses`,
      payload: { answers: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`U${i + 1}`, 3])) },
    }),
  },
  {
    route: 'POST /api/v1/admin/tenants/:tenant/surveys/:id/publish',
    allowed: AGENCY_WRITERS,
    ok: 200,
    request: async (t, c) => {
      // A round of its own for each publication that succeeds (the shared one stays open).
      let id = randomUUID();
      if (c.status === 200) {
        const made = await inject(
          { method: 'POST', url: `/api/v1/admin/tenants/${t.tenant}/surveys`, payload: surveyBody(t, c.n) },
          nationalCookie,
        );
        id = made.json().id;
      }
      return { method: 'POST', url: `/api/v1/admin/tenants/${t.tenant}/surveys/${id}/publish`, payload: {} };
    },
  },
  // --- catalog administration (docs/CATALOG.md) ----------------------------------------------
  {
    route: 'GET /api/v1/admin/services',
    allowed: AGENCY_WRITERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/services?tenant=${t.tenant}` }),
  },
  {
    route: 'GET /api/v1/admin/tenants/:tenant/services/:id',
    allowed: AGENCY_WRITERS,
    ok: 200,
    nationalOutside: 404,
    request: (t) => ({ method: 'GET', url: `/api/v1/admin/tenants/${t.tenant}/services/${t.service}` }),
  },
  {
    route: 'PATCH /api/v1/admin/tenants/:tenant/services/:id/versions/:version',
    allowed: AGENCY_WRITERS,
    ok: 200,
    nationalOutside: 404,
    request: async (t, c) => {
      // A draft of its own for each change that succeeds (a later publication supersedes drafts).
      let version = 1;
      if (c.status === 200) {
        const draft = await inject(
          {
            method: 'POST',
            url: `/api/v1/admin/tenants/${t.tenant}/services/${t.service}/versions`,
            payload: { changeNote: `Matriks ubah ${c.n}`, changes: {} },
          },
          nationalCookie,
        );
        version = draft.json().version;
      }
      return {
        method: 'PATCH',
        url: `/api/v1/admin/tenants/${t.tenant}/services/${t.service}/versions/${version}`,
        payload: { changeNote: `Matriks diubah ${c.n}` },
      };
    },
  },

  // --- uploads (docs/APPLICATIONS.md) --------------------------------------------------------
  {
    // Citizens and staff who work applications upload; no region in the request, so "outside" is the same.
    route: 'POST /api/v1/uploads',
    allowed: UPLOADERS,
    ok: 201,
    outside: 201,
    others: { citizen: 201 },
    request: (_t, c) => ({
      method: 'POST',
      url: '/api/v1/uploads?name=matriks.pdf',
      payload: pdfBytes(1024, `matriks-${c.n}`),
      headers: { 'content-type': 'application/pdf' },
    }),
  },
  {
    // The citizen's scan attached to an application in the target tenant: staff whose grants reach
    // the application read it; outside it is not found. The citizen reads their own.
    route: 'GET /api/v1/uploads/:id',
    allowed: APPLICATION_HANDLERS,
    ok: 200,
    outside: 404,
    // The citizen reads their own upload; an operator desa may upload but sees no application.
    others: { citizen: 200, operator_desa: 404 },
    request: (t, c) => ({ method: 'GET', url: `/api/v1/uploads/${c.caller === 'citizen' ? ownUpload : t.upload}` }),
  },

  // --- applications: the citizen's own (docs/APPLICATIONS.md) --------------------------------
  {
    route: 'POST /api/v1/applications',
    allowed: 'citizen',
    ok: 201,
    request: (t) => ({ method: 'POST', url: '/api/v1/applications', payload: { serviceId: t.formService } }),
  },
  {
    route: 'GET /api/v1/me/applications',
    allowed: 'citizen',
    ok: 200,
    request: () => ({ method: 'GET', url: '/api/v1/me/applications' }),
  },
  {
    route: 'GET /api/v1/applications/:id',
    allowed: 'citizen',
    ok: 200,
    request: () => ({ method: 'GET', url: `/api/v1/applications/${draftId}` }),
  },
  {
    route: 'PATCH /api/v1/applications/:id',
    allowed: 'citizen',
    ok: 200,
    request: () => ({ method: 'PATCH', url: `/api/v1/applications/${draftId}`, payload: { answers: { nama: 'Warga' } } }),
  },
  {
    route: 'POST /api/v1/applications/:id/submit',
    allowed: 'citizen',
    ok: 200,
    request: () => ({
      method: 'POST',
      url: `/api/v1/applications/${draftId}/submit`,
      payload: { answers: { nama: 'Warga Matriks' } },
    }),
  },

  // --- applications as staff work them -------------------------------------------------------
  {
    // A filter, not a scope: another tenant's inbox is empty for them, not refused.
    route: 'GET /api/v1/staff/applications',
    allowed: APPLICATION_HANDLERS,
    ok: 200,
    outside: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/staff/applications?tenant=${t.tenant}` }),
  },
  {
    // The same: counts of another tenant are empty for them.
    route: 'GET /api/v1/staff/applications/summary',
    allowed: APPLICATION_SUPERVISORS,
    ok: 200,
    outside: 200,
    request: (t) => ({ method: 'GET', url: `/api/v1/staff/applications/summary?tenant=${t.tenant}` }),
  },
  {
    // The view carries the citizen's name, masked NIK and contacts (a citizen.read): officers and
    // supervisors may open one, but not pemantau, whom citizen.read excludes (docs/CITIZENS.md:
    // "not pemantau (403)"). The server lets pemantau read it today: these cases fail until it does not.
    route: 'GET /api/v1/staff/applications/:id',
    allowed: ['admin_pemda', 'admin_instansi', 'supervisor', 'petugas_loket', 'petugas_back_office'],
    ok: 200,
    outside: 404,
    request: (t) => ({ method: 'GET', url: `/api/v1/staff/applications/${t.application}` }),
  },
  {
    // A version nobody saw: stale, after the grant and reach checks (a real step would change the state).
    route: 'POST /api/v1/applications/:id/transitions',
    allowed: APPLICATION_HANDLERS,
    ok: 409,
    outside: 404,
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/applications/${t.application}/transitions`,
      payload: { to: 'verifikasi', expectedVersion: 9999 },
    }),
  },
  {
    // On behalf of the target's citizen at the target's desa (or the tenant outside).
    route: 'POST /api/v1/assisted-applications',
    allowed: ['petugas_loket', 'operator_desa'],
    ok: 201,
    request: (t) => ({
      method: 'POST',
      url: '/api/v1/assisted-applications',
      payload: {
        nik: t.citizenNik,
        name: 'Warga Matriks',
        serviceId: t.formService,
        answers: { nama: 'Warga Matriks' },
        regionCode: t.tenant === '35.10' ? '35.10.15.2004' : t.tenant,
        consent: { method: 'lisan' },
      },
    }),
  },
];

/** A queue code (`^[A-Z]{1,3}$`) of its own for case `n`. */
const queueCode = (n: number) => `Q${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(65 + (n % 26))}`;

const surveyBody = (target: Target, n: number) => ({
  title: `SKM Matriks ${n}`,
  agencyId: target.agency,
  periodStart: '2026-07-01',
  periodEnd: '2026-12-31',
});

/** A message of `tenant` the worker gave up on; returns its id. */
async function deadLetter(tenant: string, n: number): Promise<string> {
  const dedupeKey = `matrix:${n}`;
  return withScope(t.deps.database.db, NATIONAL, async (trx) => {
    await enqueueInTx(trx, {
      tenantCode: tenant,
      channel: 'email',
      recipient: `warga-${n}@matrix.test`,
      template: 'application.submitted',
      language: 'id',
      data: {},
      dedupeKey,
    });
    const row = await trx
      .updateTable('outbox_message')
      .set({ status: 'dead', attempts: 1, last_error: '550 Mailbox unavailable' })
      .where('dedupe_key', '=', dedupeKey)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

const NIK = { inside: '3510014708900001', outside: '3509010101800002' };

async function makeCitizen(nik: string, tenant: string, region: string): Promise<string> {
  const keys = resolveCitizenKeys(t.deps.env);
  const id = randomUUID();
  const nikHmac = hashNik(keys, nik);
  await withScope(t.deps.database.db, { regions: [], citizenId: id, authNikHash: nikHmac }, async (trx) => {
    await insertCitizenInTx(trx, {
      id,
      nik_hmac: nikHmac,
      nik_ciphertext: encryptNik(keys, nik, id),
      name: 'Warga Matriks',
      email: `warga-${nik.slice(-4)}@matrix.test`,
      phone: null,
    });
    await linkCitizenInTx(trx, { tenantCode: tenant, citizenId: id, regionCode: region, via: 'assisted' });
  });
  return id;
}

/** A citizen session made as sign-in makes it (the code step needs a mail server; not under test here). */
async function citizenSession(id: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await withScope(t.deps.database.db, { regions: [], citizenId: id }, (trx) =>
    insertCitizenSessionInTx(trx, {
      citizen_id: id,
      token_hash: createHash('sha256').update(token).digest('hex'),
      method: 'otp',
      expires_at: new Date(Date.now() + 3_600_000),
      ip: '127.0.0.1',
      user_agent: 'matrix',
    }),
  );
  return `${CITIZEN_SESSION_COOKIE}=${token}`;
}

const emailOf = (role: StaffRole) => `${role.replace(/_/g, '-')}@matrix.test`;

beforeAll(async () => {
  t = await createAuthTestApp({ authRoutePerIpMax: 100_000, signInPerIpMax: 1000, signInPerAccountMax: 1000 });
  // The demo tenant (35.10) brings agencies, a location and published services to change.
  await seedDemo(t.deps.database.db);
  await makeTenants(t.deps, [{ code: '35.09', name: 'Pemerintah Kabupaten Jember' }]);
  const db = t.deps.database.db;
  const inside = await withScope(db, NATIONAL, (trx) =>
    trx
      .selectFrom('service')
      .innerJoin('agency', (j) =>
        j.onRef('agency.tenant_code', '=', 'service.tenant_code').onRef('agency.id', '=', 'service.agency_id'),
      )
      .select(['service.id as service', 'agency.id as agency'])
      .where('service.tenant_code', '=', '35.10')
      .where('service.slug', '=', 'akta-kelahiran')
      .executeTakeFirstOrThrow(),
  );
  const makeTarget = async (tenant: string, agency: string, service: string, where: Where): Promise<Target> => {
    const location = await makeLocation(t.deps, tenant, `lokasi-sasaran-${where}`);
    const counter = await withScope(db, NATIONAL, (trx) =>
      trx
        .insertInto('counter')
        .values({ tenant_code: tenant, location_id: location, agency_id: agency, code: 'S1', name: 'Loket Sasaran' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const staff = await makeStaff(t.deps, {
      email: `sasaran-${where}@matrix.test`,
      regionCode: tenant,
      grants: [{ role: 'pemantau', regionCode: tenant }],
    });
    const citizenNik = NIK[where];
    const citizen = await makeCitizen(citizenNik, tenant, where === 'inside' ? '35.10.15.2004' : tenant);
    return {
      tenant,
      agency,
      location,
      counter: counter.id,
      staff,
      citizen,
      citizenNik,
      service,
      queue: '',
      survey: '',
      formService: '',
      application: '',
      upload: '',
      complaint: '',
      complaintEvidence: '',
    };
  };
  targets.inside = await makeTarget('35.10', inside.agency, inside.service, 'inside');
  const outsideAgency = await withScope(db, NATIONAL, (trx) =>
    trx
      .insertInto('agency')
      .values({ tenant_code: '35.09', slug: 'instansi-sasaran', name: 'Instansi Sasaran', kind: 'daerah' })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  targets.outside = await makeTarget('35.09', outsideAgency.id, randomUUID(), 'outside');

  for (const role of STAFF_ROLES) {
    const national = role === 'admin_nasional';
    const regionCode = national ? null : role === 'operator_desa' ? '35.10.15.2004' : '35.10';
    await makeStaff(t.deps, {
      email: emailOf(role),
      regionCode: national ? null : '35.10',
      grants: [{ role, regionCode, ...(role === 'admin_instansi' ? { agencyId: targets.inside.agency } : {}) }],
    });
    cookies.set(role, await signIn(t.app, emailOf(role)));
  }
  nationalCookie = await signIn(t.app, emailOf('admin_nasional'));
  citizenId = await makeCitizen('3510015505850003', '35.10', '35.10');
  cookies.set('citizen', await citizenSession(citizenId));
  // A queue each counter calls from, an open SKM round, and an application with its scan, in both
  // tenants; the applications are the inside target's citizen's (linked at Desa Kemiren).
  const targetCitizen = await citizenSession(targets.inside.citizen);
  const { standard: demoStandard } = await withScope(db, NATIONAL, (trx) =>
    trx
      .selectFrom('service_version')
      .select('standard')
      .where('service_id', '=', targets.inside.service)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
  );
  for (const target of Object.values(targets)) {
    const queue = await inject(
      {
        method: 'POST',
        url: `/api/v1/queue/locations/${target.location}/queues`,
        payload: { code: 'S', name: 'Antrean Sasaran' },
      },
      nationalCookie,
    );
    target.queue = queue.json().id;
    const skills = await inject(
      { method: 'PUT', url: `/api/v1/queue/counters/${target.counter}/skills`, payload: { queueIds: [target.queue] } },
      nationalCookie,
    );
    const survey = await inject(
      { method: 'POST', url: `/api/v1/admin/tenants/${target.tenant}/surveys`, payload: surveyBody(target, 0) },
      nationalCookie,
    );
    target.survey = survey.json().id;
    // Filed with one evidence file (multipart), as the /pengaduan form sends it.
    const filing = await filingForm(
      {
        tenantCode: target.tenant,
        kind: 'pengaduan',
        category: 'administrasi_kependudukan',
        title: 'KTP-el belum jadi',
        body: 'Saya merekam KTP-el bulan lalu dan sampai sekarang belum dicetak.',
        regionCode: target.tenant,
        anonymous: true,
        confidential: false,
      },
      [{ name: 'bukti.pdf', bytes: pdfBytes(1024, `bukti-${target.tenant}`) }],
    );
    const filed = await inject(
      { method: 'POST', url: '/api/v1/complaints', payload: filing.payload, headers: filing.headers },
      undefined,
    );
    const listed = await inject({ method: 'GET', url: `/api/v1/admin/tenants/${target.tenant}/complaints` }, nationalCookie);
    target.complaint = listed.json().items[0]?.id;
    const url = `/api/v1/admin/tenants/${target.tenant}/complaints/${target.complaint}`;
    const verified = await inject({ method: 'POST', url: `${url}/verify`, payload: { responseClass: 'sedang' } }, nationalCookie);
    const disposed = await inject(
      { method: 'POST', url: `${url}/dispose`, payload: { agencyId: target.agency, note: 'Mohon ditindaklanjuti.' } },
      nationalCookie,
    );
    target.complaintEvidence = disposed.json().evidence?.[0]?.id;
    if (filed.statusCode !== 201 || verified.statusCode !== 200 || disposed.statusCode !== 200 || !target.complaintEvidence) {
      throw new Error(`fixtures: ${filed.body} ${verified.body} ${disposed.body}`);
    }
    target.formService = await makeService(t.deps, {
      tenant: target.tenant,
      agencyId: target.agency,
      slug: 'layanan-matriks',
      days: 5,
      form: MATRIX_FORM,
    });
    // makeService's standard names the service time only; the public catalog needs a whole one.
    await withScope(db, NATIONAL, (trx) =>
      trx
        .updateTable('service_version')
        .set({ standard: JSON.stringify(demoStandard) })
        .where('service_id', '=', target.formService)
        .execute(),
    );
    const scan = await inject(
      {
        method: 'POST',
        url: '/api/v1/uploads?name=ktp.pdf',
        payload: pdfBytes(1024, `ktp-${target.tenant}`),
        headers: { 'content-type': 'application/pdf' },
      },
      targetCitizen,
    );
    target.upload = scan.json().id;
    const application = await inject(
      {
        method: 'POST',
        url: '/api/v1/applications',
        payload: { serviceId: target.formService, answers: { nama: 'Warga Sasaran', ktp: [target.upload] }, submit: true },
      },
      targetCitizen,
    );
    target.application = application.json().id;
    if (scan.statusCode !== 201 || application.statusCode !== 201) throw new Error(`fixtures: ${scan.body} ${application.body}`);
    if (queue.statusCode !== 201 || skills.statusCode !== 200 || survey.statusCode !== 201) {
      throw new Error(`fixtures: ${queue.body} ${skills.body} ${survey.body}`);
    }
  }
  const draft = await inject(
    { method: 'POST', url: '/api/v1/applications', payload: { serviceId: targets.inside.formService } },
    cookies.get('citizen'),
  );
  draftId = draft.json().id;
  const own = await inject(
    {
      method: 'POST',
      url: '/api/v1/uploads?name=kk.pdf',
      payload: pdfBytes(1024, 'kk'),
      headers: { 'content-type': 'application/pdf' },
    },
    cookies.get('citizen'),
  );
  ownUpload = own.json().id;
  if (draft.statusCode !== 201 || own.statusCode !== 201) throw new Error(`fixtures: ${draft.body} ${own.body}`);
  cookies.set('citizen', await citizenSession(citizenId));
});
afterAll(() => t.close());

function expected(route: Route, caller: Caller, where: Where): number {
  if (caller === 'anonymous') return 401;
  const other = route.others?.[caller];
  if (other !== undefined) return other;
  if (route.allowed === 'citizen') return caller === 'citizen' ? route.ok : 401;
  // A citizen's session is not a staff session.
  if (caller === 'citizen') return 401;
  if (route.allowed === 'staff') return route.ok;
  if (!route.allowed.includes(caller)) return 403;
  if (where === 'outside') {
    if (caller === 'admin_nasional') return route.nationalOutside ?? route.ok;
    return route.outside ?? 403;
  }
  return route.ok;
}

const CALLERS: Caller[] = ['anonymous', 'citizen', ...STAFF_ROLES];
const cases = ROUTES.flatMap((route) =>
  CALLERS.flatMap((caller) =>
    // Scope means nothing to citizens' own routes and to one's own session: called once.
    (Array.isArray(route.allowed) ? (['inside', 'outside'] as const) : (['inside'] as const)).map((where) => ({
      route,
      caller,
      where,
    })),
  ),
);

/** Every "METHOD path" Fastify registered, read from its route tree (HEAD twins of GETs left out). */
function registeredRoutes(): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD') found.push(`${method} ${path}`);
    }
  }
  return [...new Set(found)].sort();
}

describe(`authorization matrix (${testDatabaseKind}): ${ROUTES.length} protected routes × ${CALLERS.length} callers`, () => {
  it('has an entry for every route under /api/v1 (or names it public, or pending)', () => {
    const routes = registeredRoutes();
    // The parse itself must see routes we know, or the check below proves nothing.
    expect(routes).toContain('GET /api/v1/admin/tenants/:tenant/agencies');
    expect(routes).toContain('DELETE /api/v1/admin/staff/:id/grants/:grantId');
    const covered = new Set(ROUTES.map((r) => r.route));
    expect(covered.size, 'duplicate matrix entries').toBe(ROUTES.length);
    const missing = routes.filter(
      (r) =>
        r.split(' ')[1]!.startsWith('/api/v1/') &&
        !covered.has(r) &&
        !PUBLIC_ROUTES.has(r) &&
        !PENDING_PREFIXES.some((prefix) => r.split(' ')[1]!.startsWith(prefix)),
    );
    expect(missing, 'routes without a matrix entry: add them to ROUTES or PUBLIC_ROUTES').toEqual([]);
    // And no entry names a route that does not exist (a renamed route would otherwise go untested).
    const stale = [...covered, ...PUBLIC_ROUTES].filter((r) => !routes.includes(r));
    expect(stale, 'entries for routes the app does not register').toEqual([]);
  });

  it('lets the anonymous reach every public route without signing in', async () => {
    const calls: Array<[string, string]> = [
      ['GET', '/api/v1/regions/35.10'],
      ['GET', '/api/v1/agencies?region=35.10'],
      ['GET', '/api/v1/locations?region=35.10'],
      ['GET', '/api/v1/services?region=35.10'],
      ['GET', '/api/v1/services/akta-kelahiran?region=35.10'],
      ['GET', '/api/v1/services/akta-kelahiran/versions?region=35.10'],
      ['GET', '/api/v1/consent-notices'],
      ['GET', '/api/v1/auth/oidc/providers'],
      ['GET', '/api/v1/signing-keys?tenant=35.10'],
      ['GET', `/api/v1/queue/locations/${targets.inside.location}`],
      ['GET', `/api/v1/queue/locations/${targets.inside.location}/board`],
      ['GET', '/api/v1/complaints/categories'],
      ['GET', '/api/v1/tenants/35.10/complaints/stats'],
      ['GET', '/api/v1/skm/questionnaire'],
      ['GET', '/api/v1/tenants/35.10/surveys'],
      ['GET', '/api/v1/ikm?tenant=35.10'],
    ];
    for (const [method, url] of calls) {
      const response = await inject({ method: method as 'GET', url }, undefined);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
    }
    // Whatever the verdict, a verification answers 200 (here: not a payload at all).
    const verified = await inject({ method: 'POST', url: '/api/v1/verify', payload: { payload: 'L1.bukan' } }, undefined);
    expect([verified.statusCode, verified.json().valid], verified.body).toEqual([200, false]);
  });

  it.each(cases.map((c) => [c.route.route, c.caller, c.where, expected(c.route, c.caller, c.where), c] as const))(
    '%s as %s, %s → %i',
    async (_name, caller, where, status, c) => {
      const context: Context = {
        caller,
        n: ++n,
        status,
        freshCookie: async () => {
          if (caller === 'anonymous') return undefined;
          if (caller === 'citizen') return citizenSession(citizenId);
          return signIn(t.app, emailOf(caller));
        },
      };
      const request = await c.route.request(targets[where], context);
      const cookie = 'cookie' in request ? request.cookie : cookies.get(caller);
      const response = await inject(request, cookie);
      expect(response.statusCode, response.body).toBe(status);
      if (status === 401) expect(response.json().error.code).toBe('AUTH_REQUIRED');
      if (status === 403) expect(response.json().error.code).toBe('FORBIDDEN');
    },
  );
});
