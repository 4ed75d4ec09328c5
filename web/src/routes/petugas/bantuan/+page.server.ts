import { randomUUID } from 'node:crypto';
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { FormDefinition } from '@layan/domain';
import type { ServiceDetailView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { t } from '$lib/i18n';
import { formValuesFromFormData } from '$lib/form-values';
import { apiGet } from '$lib/server/api';
import { failPage, requireStaff, toSignIn, type FieldError, type StaffSession } from '../../admin/staff-session';
import { answersWithUploads, apiCall, loadForm } from '../../permohonan/application.server';
import { formErrors, type ApplicationView } from '../../permohonan/application';
import type { Actions, PageServerLoad } from './$types';

const SLUG = /^[a-z0-9-]{1,100}$/;

/** The tenant (kab/kota) of a region code. */
function tenantOf(regionCode: string | null | undefined): string {
  const match = regionCode ? /^\d{2}\.\d{2}/.exec(regionCode) : null;
  return match ? match[0] : '35.10';
}

async function serviceAndForm(event: RequestEvent, slug: string, tenant: string) {
  const service = await apiGet<ServiceDetailView>(event, `/api/v1/services/${encodeURIComponent(slug)}?region=${tenant}`);
  if (!service.ok) failPage(service, event);
  const form = await loadForm(event, service.data.id, tenant);
  return { service: service.data, form };
}

export const load: PageServerLoad = async (event) => {
  const session = await requireStaff(event);
  const tenant = tenantOf(session.grants.find((g) => g.regionCode)?.regionCode ?? session.staff.regionCode);
  const slug = event.url.searchParams.get('layanan') ?? '';
  const list = await apiGet<{
    items: Array<{ id: string; slug: string; name: { id: string; en?: string }; agency: { name: string } }>;
  }>(event, `/api/v1/services?region=${tenant}`);
  const services = list.ok ? list.data.items : [];
  if (!SLUG.test(slug)) return { tenant, services, chosen: null, idempotencyKey: randomUUID() };
  const chosen = await serviceAndForm(event, slug, tenant);
  return { tenant, services, chosen, idempotencyKey: randomUUID() };
};

function parseJson(value: FormDataEntryValue | null): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(String(value ?? '{}'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const actions: Actions = {
  ajukan: async (event) => {
    // Not requireStaff: the page's load sets the cache header after this action.
    const session = await apiGet<StaffSession>(event, '/api/v1/auth/session');
    if (!session.ok) toSignIn(event);
    const lang = event.locals.lang;
    const tenant = tenantOf(session.data.grants.find((g) => g.regionCode)?.regionCode ?? session.data.staff.regionCode);
    const data = await event.request.formData();
    const slug = String(data.get('layanan') ?? '');
    const { service, form: definition } = await serviceAndForm(event, slug, tenant);
    const form: FormDefinition = definition ?? { id: '', version: 1, title: { id: '' }, fields: [] };
    const citizen = {
      nik: String(data.get('nik') ?? '').replace(/\s+/g, ''),
      name: String(data.get('name') ?? '').trim(),
      phone: String(data.get('phone') ?? '').trim(),
      email: String(data.get('email') ?? '').trim(),
      consentMethod: String(data.get('consentMethod') ?? ''),
      consent: data.get('consent') === 'ya',
    };
    const posted = formValuesFromFormData(form, data);
    const { answers, errors: uploadErrors } = await answersWithUploads(event, {
      definition: form,
      data,
      posted,
      previous: parseJson(data.get('savedFiles')),
      serviceId: service.id,
    });
    // Uploaded files survive a failed post: a file input cannot be filled in again.
    const savedFiles = JSON.stringify(
      Object.fromEntries(
        form.fields.filter((f) => f.type === 'file' && answers[f.key] !== undefined).map((f) => [f.key, answers[f.key]]),
      ),
    );
    const keep = { citizen, answers, savedFiles, idempotencyKey: String(data.get('idempotencyKey') ?? '') };
    const errors: FieldError[] = [];
    if (!citizen.nik) errors.push({ field: 'nik', message: t(lang, 'apl.assistNikRequired') });
    if (citizen.name.length < 2) errors.push({ field: 'name', message: t(lang, 'apl.assistNameRequired') });
    if (citizen.consentMethod !== 'lisan' && citizen.consentMethod !== 'tertulis')
      errors.push({ field: 'consentMethod-lisan', message: t(lang, 'apl.assistMethodRequired') });
    if (!citizen.consent) errors.push({ field: 'consent', message: t(lang, 'apl.assistConsentRequired') });
    const byPath: Record<string, string> = { ...uploadErrors };
    if (errors.length > 0 || Object.keys(uploadErrors).length > 0) {
      const summary = [
        ...errors,
        ...formErrors(
          form,
          Object.entries(uploadErrors).map(([path, message]) => ({ path, message })),
          lang,
        ).summary,
      ];
      return fail(400, { ...keep, errors: summary, byPath, done: null });
    }
    const result = await apiCall<ApplicationView>(event, {
      method: 'POST',
      url: '/api/v1/assisted-applications',
      headers: keep.idempotencyKey ? { 'idempotency-key': keep.idempotencyKey } : {},
      body: {
        nik: citizen.nik,
        name: citizen.name,
        ...(citizen.phone ? { phone: citizen.phone } : {}),
        ...(citizen.email ? { email: citizen.email } : {}),
        serviceId: service.id,
        answers,
        consent: { method: citizen.consentMethod },
      },
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      if (result.error.code === 'APPLICATION_FORM_INVALID' && result.error.details) {
        const found = formErrors(form, result.error.details, lang);
        return fail(422, { ...keep, errors: found.summary, byPath: found.byPath, done: null });
      }
      const field =
        {
          NIK_INVALID: 'nik',
          ASSISTED_CONTACT_REQUIRED: 'phone',
          ASSISTED_CONSENT_REQUIRED: 'consent',
          VALIDATION_FAILED: 'nik',
        }[result.error.code] ?? 'nik';
      const details = result.error.details;
      const message =
        result.error.code === 'NIK_INVALID' && details?.length
          ? details.map((d) => (lang === 'en' ? (d.messageEn ?? d.message) : d.message)).join(' ')
          : result.error.message;
      return fail(result.error.status, { ...keep, errors: [{ field, message }], byPath: {}, done: null });
    }
    return { done: { trackingCode: result.data.trackingCode, service: result.data.service.name }, errors: [] as FieldError[] };
  },
};
