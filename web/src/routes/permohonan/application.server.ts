import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
  answerName,
  groupItemPrefix,
  localDateOf,
  summarizeAnswers,
  timeZoneOfRegion,
  validateFormAnswers,
  type CatalogIssue,
  type FormDefinition,
  type FormField,
  type TimeZoneName,
} from '@layan/domain';
import type { ApiDetail, SendResult } from '$lib/server/staff-api';
import { apiGet } from '$lib/server/api';
import type { Lang } from '$lib/i18n';
import type { ApplicationView, UploadView } from './application';

// Shared by the citizen pages (/permohonan/**), the officer pages (/petugas/permohonan/**) and
// the assisted page (/petugas/bantuan): API calls the generic helpers do not cover (extra headers,
// raw file bodies) and the work of turning a form post with files into answers.

/**
 * A call to the API in-process with the visitor's cookies and `X-Layan-CSRF: 1` (the page's own
 * form post passed SvelteKit's origin check), plus headers such as Idempotency-Key.
 */
export async function apiCall<T>(
  event: RequestEvent,
  options: { method: 'POST' | 'PATCH'; url: string; body?: unknown; headers?: Record<string, string> },
): Promise<SendResult<T>> {
  const api = event.platform?.req.layan;
  if (!api) error(500, 'Layan API is not mounted (run the app through `layan start`).');
  const headers: Record<string, string> = { 'accept-language': event.locals.lang, 'x-layan-csrf': '1', ...options.headers };
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  const response = await api.request({ method: options.method, url: options.url, headers, body: options.body });
  if (response.status >= 200 && response.status < 300) return { ok: true, data: response.body as T, headers: response.headers };
  const body = response.body as { error?: { code: string; message: string; details?: unknown } } | undefined;
  const details = body?.error?.details;
  return {
    ok: false,
    error: {
      status: response.status,
      code: body?.error?.code ?? 'UNKNOWN',
      message: body?.error?.message ?? String(response.status),
      // APPLICATION_FORM_INVALID puts its list under details.issues.
      ...(Array.isArray(details)
        ? { details: details as ApiDetail[] }
        : details && Array.isArray((details as { issues?: unknown }).issues)
          ? { details: (details as { issues: ApiDetail[] }).issues }
          : {}),
    },
  };
}

/** Sends one posted file to POST /uploads (its bytes are sniffed there); the field's limits apply at once. */
export async function uploadFile(
  event: RequestEvent,
  file: File,
  options: { serviceId?: string; field?: string },
): Promise<SendResult<UploadView>> {
  const query = new URLSearchParams({ name: file.name || 'berkas' });
  if (options.serviceId && options.field) {
    query.set('serviceId', options.serviceId);
    query.set('field', options.field);
  }
  return apiCall<UploadView>(event, {
    method: 'POST',
    url: `/api/v1/uploads?${query}`,
    body: Buffer.from(await file.arrayBuffer()),
    headers: { 'content-type': 'application/octet-stream' },
  });
}

/** The tenant's zone for dates (Banyuwangi and the rest of Java: WIB). */
export function zoneOf(tenantCode: string): TimeZoneName {
  return timeZoneOfRegion(tenantCode) ?? 'Asia/Jakarta';
}

/** The citizen signed in, else the sign-in page with the way back. */
export function toCitizenSignIn(event: RequestEvent): never {
  redirect(303, `/masuk?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

/** Personal pages are never cached (set once per request: SvelteKit refuses a second set). */
export function noStore(event: RequestEvent): void {
  try {
    event.setHeaders({ 'cache-control': 'no-store' });
  } catch {
    // Already set by this request's action.
  }
}

/** One of the citizen's applications; signed out → sign-in, other failures → the error page. */
export async function loadOwnApplication(event: RequestEvent, id: string): Promise<ApplicationView> {
  const result = await apiGet<ApplicationView>(event, `/api/v1/applications/${encodeURIComponent(id)}`);
  if (!result.ok) {
    if (result.error.status === 401) toCitizenSignIn(event);
    error(result.error.status === 400 ? 404 : result.error.status, { message: result.error.message, code: result.error.code });
  }
  return result.data;
}

/** The published form of the application's service (null when the service has none). */
export async function loadForm(event: RequestEvent, serviceId: string, tenantCode: string): Promise<FormDefinition | null> {
  const result = await apiGet<{ form: FormDefinition | null }>(
    event,
    `/api/v1/services/${encodeURIComponent(serviceId)}/form?region=${encodeURIComponent(tenantCode)}`,
  );
  if (!result.ok) error(result.error.status, { message: result.error.message, code: result.error.code });
  return result.data.form;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The upload id an answer item names (an id, `{ uploadId }`, or a submitted file's `{ ref }`). */
export function uploadIdOf(item: unknown): string | undefined {
  if (typeof item === 'string' && UUID.test(item)) return item.toLowerCase();
  if (item && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    const id = record.uploadId ?? record.ref;
    if (typeof id === 'string' && UUID.test(id)) return id.toLowerCase();
  }
  return undefined;
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * Answers as the API takes them from a form post: FormRenderer's controls read back by
 * formValuesFromFormData, then every file input that carries a new file uploaded and replaced by
 * its upload id; a file input left empty keeps what the application already had. Returns the
 * answers and, per control name, the upload errors.
 */
export async function answersWithUploads(
  event: RequestEvent,
  options: {
    definition: FormDefinition;
    data: FormData;
    posted: Record<string, unknown>;
    previous: Record<string, unknown>;
    serviceId: string;
  },
): Promise<{ answers: Record<string, unknown>; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  async function walk(
    fields: readonly FormField[],
    prefix: string,
    posted: Record<string, unknown>,
    previous: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { ...posted };
    for (const field of fields) {
      const name = answerName(prefix, field.key);
      if (field.type === 'group' && Array.isArray(posted[field.key])) {
        const before = Array.isArray(previous[field.key]) ? (previous[field.key] as unknown[]) : [];
        const items: Record<string, unknown>[] = [];
        for (const [i, item] of (posted[field.key] as unknown[]).entries()) {
          items.push(await walk(field.fields, groupItemPrefix(name, i), record(item), record(before[i])));
        }
        out[field.key] = items;
      } else if (field.type === 'file') {
        const files = options.data.getAll(name).filter((v): v is File => typeof v !== 'string' && (v.name !== '' || v.size > 0));
        if (files.length === 0) {
          if (previous[field.key] !== undefined) out[field.key] = previous[field.key];
          else delete out[field.key];
          continue;
        }
        const ids: string[] = [];
        for (const file of files) {
          const uploaded = await uploadFile(event, file, { serviceId: options.serviceId, field: field.key });
          if (uploaded.ok) ids.push(uploaded.data.id);
          else errors[name] = errors[name] ? `${errors[name]} ${uploaded.error.message}` : uploaded.error.message;
        }
        if (ids.length > 0) out[field.key] = ids;
        else if (previous[field.key] !== undefined) out[field.key] = previous[field.key];
        else delete out[field.key];
      }
    }
    return out;
  }
  const answers = await walk(options.definition.fields, '', options.posted, options.previous);
  return { answers, errors };
}

/** File answers (upload ids) as the form rules read them, from the uploads the API listed. */
export function resolveFiles(
  definition: FormDefinition,
  answers: Record<string, unknown>,
  uploads: readonly UploadView[],
): Record<string, unknown> {
  const byId = new Map(uploads.map((u) => [u.id, u]));
  const visit = (fields: readonly FormField[], scope: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...scope };
    for (const field of fields) {
      const value = scope[field.key];
      if (value === undefined || value === null) continue;
      if (field.type === 'file') {
        out[field.key] = (Array.isArray(value) ? value : [value]).map((item) => {
          const id = uploadIdOf(item);
          const upload = id ? byId.get(id) : undefined;
          if (upload) return { name: upload.fileName, mimeType: upload.mediaType, size: upload.size, ref: upload.id };
          return item;
        });
      } else if (field.type === 'group' && Array.isArray(value)) {
        out[field.key] = value.map((item) => visit(field.fields, record(item)));
      }
    }
    return out;
  };
  return visit(definition.fields, answers);
}

/**
 * The same check the API makes on submission (domain validateFormAnswers), run before the
 * check-your-answers page so a citizen sees their mistakes next to the fields first. The API
 * checks again on submit; this is a convenience, not the gate.
 */
export function checkAnswers(options: {
  definition: FormDefinition;
  answers: Record<string, unknown>;
  uploads: readonly UploadView[];
  tenantCode: string;
  lang: Lang;
}): { issues: CatalogIssue[]; rows: Array<{ path: string; label: string; value: string }> } {
  const resolved = resolveFiles(options.definition, options.answers, options.uploads);
  const today = localDateOf(new Date(), zoneOf(options.tenantCode));
  const checked = validateFormAnswers(options.definition, resolved, { today });
  const rows = summarizeAnswers(options.definition, checked.values, { lang: options.lang });
  return { issues: checked.issues, rows };
}
