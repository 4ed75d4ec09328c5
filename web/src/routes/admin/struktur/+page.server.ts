import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { t, type MessageKey } from '$lib/i18n';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { covers, failPage, fieldErrorsOf, inForm, requireStaff, toSignIn, type FieldError } from '../staff-session';
import type { Actions, PageServerLoad } from './$types';

interface Agency {
  id: string;
  slug: string;
  name: string;
  shortName: string | null;
  kind: string;
  active: boolean;
}
interface OpeningHours {
  day: number;
  opens: string;
  closes: string;
}
interface Location {
  id: string;
  slug: string;
  name: string;
  kind: string;
  regionCode: string;
  address: string;
  openingHours: OpeningHours[];
  active: boolean;
}
interface Counter {
  id: string;
  locationId: string;
  agencyId: string | null;
  code: string;
  name: string;
  active: boolean;
}

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TENANT = /^\d{2}(\.\d{2})?$/;

/** The tenant asked for (?wilayah=35.10), else the one the staff member's home region lies in. */
function tenantOf(event: RequestEvent, home: string | null): string | null {
  const asked = event.url.searchParams.get('wilayah')?.trim();
  if (asked) return asked;
  return home ? home.slice(0, 5) : null;
}

export const load: PageServerLoad = async (event) => {
  const me = await requireStaff(event);
  const tenant = tenantOf(event, me.staff.regionCode);
  if (!tenant) return { tenant: null, tenantName: null, agencies: [], locations: [], counters: [], offers: null, editing: null };
  const base = `/api/v1/admin/tenants/${encodeURIComponent(tenant)}`;
  // The API decides: another Pemda's structure is 403, an unknown one 404, shown as the page's error.
  const agencies = await apiGet<{ items: Agency[] }>(event, `${base}/agencies`);
  if (!agencies.ok) failPage(agencies, event);
  const [locations, counters, region] = await Promise.all([
    apiGet<{ items: Location[] }>(event, `${base}/locations`),
    apiGet<{ items: Counter[] }>(event, `${base}/counters`),
    apiGet<{ name: string }>(event, `/api/v1/regions/${encodeURIComponent(tenant)}`),
  ]);
  if (!locations.ok) failPage(locations, event);
  if (!counters.ok) failPage(counters, event);
  // What to offer (the API refuses anything else anyway): admins of the Pemda change everything,
  // an admin instansi its own agency and its counters.
  const reaching = me.grants.filter((g) => covers(g.regionCode, tenant));
  const writeAll = reaching.some((g) => g.role === 'admin_nasional' || g.role === 'admin_pemda');
  const ownAgencies = reaching.filter((g) => g.role === 'admin_instansi' && g.agencyId).map((g) => g.agencyId!);
  const [kind, id] = (event.url.searchParams.get('ubah') ?? '').split(':');
  return {
    tenant,
    tenantName: region.ok ? region.data.name : tenant,
    agencies: agencies.data.items,
    locations: locations.data.items,
    counters: counters.data.items,
    offers: { writeAll, ownAgencies, counters: writeAll || ownAgencies.length > 0 },
    editing: kind && id ? { kind, id } : null,
    saved: event.url.searchParams.get('tersimpan'),
  };
};

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

/** Seven day rows of opens/closes; a day with neither is closed. Errors name the first bad day. */
function readHours(form: FormData, lang: 'id' | 'en', prefix: string): { hours: OpeningHours[]; errors: FieldError[] } {
  const hours: OpeningHours[] = [];
  const errors: FieldError[] = [];
  for (const day of DAYS) {
    const opens = text(form, `opens-${day}`);
    const closes = text(form, `closes-${day}`);
    if (!opens && !closes) continue;
    if (!/^\d{2}:\d{2}$/.test(opens) || !/^\d{2}:\d{2}$/.test(closes) || closes <= opens) {
      errors.push({
        field: `${prefix}-opens-${day}`,
        message: t(lang, 'adm.hoursInvalid', { day: t(lang, `adm.day.${day}` as MessageKey) }),
      });
      continue;
    }
    hours.push({ day, opens, closes });
  }
  return { hours, errors };
}

type Values = Record<string, string>;

function valuesOf(form: FormData): Values {
  const values: Values = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') values[key] = value;
  return values;
}

/** One create/update call; on failure the form comes back with its values and errors. */
async function send(
  event: RequestEvent,
  options: {
    formName: string;
    method: 'POST' | 'PATCH';
    url: string;
    body: unknown;
    values: Values;
    byCode?: Record<string, string>;
    fallback: string;
    done: string;
  },
) {
  const result = await apiSend<{ name: string }>(event, { method: options.method, url: options.url, body: options.body });
  if (!result.ok) {
    if (result.error.status === 401) toSignIn(event);
    const errors = inForm(options.formName, fieldErrorsOf(result, options.fallback, options.byCode));
    return fail(result.error.status >= 500 ? 500 : 400, { formName: options.formName, values: options.values, errors });
  }
  const tenant = options.values.wilayah ?? '';
  redirect(303, `/admin/struktur?wilayah=${encodeURIComponent(tenant)}&tersimpan=${encodeURIComponent(options.done)}`);
}

function tenantBase(values: Values): string | null {
  const tenant = values.wilayah ?? '';
  return TENANT.test(tenant) ? `/api/v1/admin/tenants/${tenant}` : null;
}

function missing(lang: 'id' | 'en', formName: string, values: Values, required: Array<[string, MessageKey]>) {
  const errors: FieldError[] = required
    .filter(([name]) => !(values[name] ?? '').trim())
    .map(([name, label]) => ({
      field: `${formName}-${name}`,
      message: t(lang, 'adm.required', { field: t(lang, label).toLowerCase() }),
    }));
  return errors;
}

export const actions: Actions = {
  instansiBaru: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const base = tenantBase(values);
    const errors = missing(lang, 'agency-new', values, [
      ['name', 'adm.name'],
      ['slug', 'adm.slug'],
    ]);
    if (!base || errors.length) return fail(400, { formName: 'agency-new', values, errors });
    return send(event, {
      formName: 'agency-new',
      method: 'POST',
      url: `${base}/agencies`,
      body: {
        slug: text(form, 'slug'),
        name: text(form, 'name'),
        kind: text(form, 'kind'),
        ...(text(form, 'shortName') ? { shortName: text(form, 'shortName') } : {}),
      },
      values,
      byCode: { SLUG_TAKEN: 'slug' },
      fallback: 'name',
      done: 'instansi',
    });
  },

  instansiUbah: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const base = tenantBase(values);
    const errors = missing(lang, 'agency-edit', values, [['name', 'adm.name']]);
    if (!base || errors.length) return fail(400, { formName: 'agency-edit', values, errors });
    return send(event, {
      formName: 'agency-edit',
      method: 'PATCH',
      url: `${base}/agencies/${encodeURIComponent(text(form, 'id'))}`,
      body: {
        name: text(form, 'name'),
        shortName: text(form, 'shortName') || null,
        kind: text(form, 'kind'),
        active: form.get('active') === 'on',
      },
      values,
      fallback: 'name',
      done: 'instansi',
    });
  },

  lokasiBaru: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const base = tenantBase(values);
    const { hours, errors: hourErrors } = readHours(form, lang, 'location-new');
    const errors = [
      ...missing(lang, 'location-new', values, [
        ['name', 'adm.name'],
        ['slug', 'adm.slug'],
        ['regionCode', 'adm.regionCode'],
        ['address', 'adm.address'],
      ]),
      ...hourErrors,
    ];
    if (!base || errors.length) return fail(400, { formName: 'location-new', values, errors });
    return send(event, {
      formName: 'location-new',
      method: 'POST',
      url: `${base}/locations`,
      body: {
        slug: text(form, 'slug'),
        name: text(form, 'name'),
        kind: text(form, 'kind'),
        regionCode: text(form, 'regionCode'),
        address: text(form, 'address'),
        openingHours: hours,
      },
      values,
      byCode: { SLUG_TAKEN: 'slug', REGION_NOT_FOUND: 'regionCode', REGION_OUTSIDE_TENANT: 'regionCode' },
      fallback: 'name',
      done: 'lokasi',
    });
  },

  lokasiUbah: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const base = tenantBase(values);
    const { hours, errors: hourErrors } = readHours(form, lang, 'location-edit');
    const errors = [
      ...missing(lang, 'location-edit', values, [
        ['name', 'adm.name'],
        ['address', 'adm.address'],
      ]),
      ...hourErrors,
    ];
    if (!base || errors.length) return fail(400, { formName: 'location-edit', values, errors });
    return send(event, {
      formName: 'location-edit',
      method: 'PATCH',
      url: `${base}/locations/${encodeURIComponent(text(form, 'id'))}`,
      body: {
        name: text(form, 'name'),
        address: text(form, 'address'),
        openingHours: hours,
        active: form.get('active') === 'on',
      },
      values,
      fallback: 'name',
      done: 'lokasi',
    });
  },

  loketBaru: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const base = tenantBase(values);
    const errors = missing(lang, 'counter-new', values, [
      ['code', 'adm.counterCode'],
      ['name', 'adm.name'],
      ['locationId', 'adm.location'],
    ]);
    if (!base || errors.length) return fail(400, { formName: 'counter-new', values, errors });
    return send(event, {
      formName: 'counter-new',
      method: 'POST',
      url: `${base}/counters`,
      body: {
        locationId: text(form, 'locationId'),
        agencyId: text(form, 'agencyId') || null,
        code: text(form, 'code').toUpperCase(),
        name: text(form, 'name'),
      },
      values,
      byCode: { SLUG_TAKEN: 'code', LOCATION_NOT_FOUND: 'locationId', AGENCY_NOT_FOUND: 'agencyId' },
      fallback: 'name',
      done: 'loket',
    });
  },

  loketUbah: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const base = tenantBase(values);
    const errors = missing(lang, 'counter-edit', values, [['name', 'adm.name']]);
    if (!base || errors.length) return fail(400, { formName: 'counter-edit', values, errors });
    return send(event, {
      formName: 'counter-edit',
      method: 'PATCH',
      url: `${base}/counters/${encodeURIComponent(text(form, 'id'))}`,
      body: { name: text(form, 'name'), agencyId: text(form, 'agencyId') || null, active: form.get('active') === 'on' },
      values,
      byCode: { AGENCY_NOT_FOUND: 'agencyId' },
      fallback: 'name',
      done: 'loket',
    });
  },
};
