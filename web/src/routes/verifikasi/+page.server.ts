import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { formatDate, formatDateTime, timeZoneOfRegion } from '@layan/domain';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** POST /api/v1/verify's answer (server/src/modules/document/document.schemas.ts). */
interface VerifyAnswer {
  valid: boolean;
  reason?: string;
  revoked: boolean;
  revokedAt?: string;
  document?: {
    id: string;
    title: string;
    decision: 'approved' | 'rejected';
    issuedDate: string;
    recipientName: string;
    agency: string;
    tenant: { code: string; name: string | null };
    kid: string;
    keyStatus: 'active' | 'retired';
  };
}

// The API reads PDFs up to 5 MB (VERIFY_PDF_LIMIT); an issued letter is a few tens of kilobytes.
const MAX_PDF_BYTES = 5 * 1024 * 1024;

/** The answer with its dates formatted for display (id-ID, in the tenant's time zone). */
function present(answer: VerifyAnswer) {
  const zone = answer.document ? (timeZoneOfRegion(answer.document.tenant.code) ?? 'Asia/Jakarta') : 'Asia/Jakarta';
  return {
    ...answer,
    issuedText: answer.document ? formatDate(answer.document.issuedDate) : undefined,
    revokedText: answer.revokedAt ? formatDateTime(new Date(answer.revokedAt), zone) : undefined,
  };
}

async function verify(event: RequestEvent, body: { payload: string } | { pdf: Uint8Array }) {
  const api = event.platform?.req.layan;
  if (!api) error(500, 'Layan API is not mounted (run the app through `layan start`).');
  const isPdf = 'pdf' in body;
  const response = await api.request({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { 'accept-language': event.locals.lang, 'content-type': isPdf ? 'application/pdf' : 'application/json' },
    body: isPdf ? Buffer.from(body.pdf) : body,
  });
  if (response.status !== 200) {
    const message = (response.body as { error?: { message?: string } } | undefined)?.error?.message ?? String(response.status);
    return { ok: false as const, message };
  }
  return { ok: true as const, result: present(response.body as VerifyAnswer) };
}

// A phone camera opens /verifikasi?d=<payload> from the QR: the answer is on the first screen.
export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store' });
  const payload = event.url.searchParams.get('d')?.trim() ?? '';
  const checked = event.url.searchParams.has('d');
  if (!checked) return { payload, result: null, errors: [] };
  if (!payload)
    return { payload, result: null, errors: [{ field: 'd', message: t(event.locals.lang, 'verify.payloadRequired') }] };
  const answer = await verify(event, { payload: payload.slice(0, 4000) });
  if (!answer.ok) return { payload, result: null, errors: [{ field: 'd', message: answer.message }] };
  return { payload, result: answer.result, errors: [] };
};

export const actions: Actions = {
  unggah: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const file = form.get('berkas');
    if (!(file instanceof File) || file.size === 0) {
      return fail(400, { errors: [{ field: 'berkas', message: t(lang, 'verify.fileRequired') }] });
    }
    if (file.size > MAX_PDF_BYTES) return fail(413, { errors: [{ field: 'berkas', message: t(lang, 'verify.fileTooLarge') }] });
    const answer = await verify(event, { pdf: new Uint8Array(await file.arrayBuffer()) });
    if (!answer.ok) return fail(400, { errors: [{ field: 'berkas', message: answer.message }] });
    return { uploaded: file.name, result: answer.result, errors: [] };
  },
};
