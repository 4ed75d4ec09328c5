import type { AdminServiceDetailView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { tenantParam } from '$lib/catalog';

// Shared by the standard editor and the form builder: both edit the same draft.

export function signInPath(event: RequestEvent): string {
  return `/petugas/masuk?kembali=${encodeURIComponent(event.url.pathname + event.url.search)}`;
}

/** The service with every version, and which version the editor works on. */
export async function loadEditable(event: RequestEvent<{ slug: string }>) {
  const tenant = tenantParam(event.url);
  const detail = await apiGet<AdminServiceDetailView>(
    event,
    `/api/v1/admin/tenants/${encodeURIComponent(tenant)}/services/${encodeURIComponent(event.params.slug)}`,
  );
  if (!detail.ok) {
    if (detail.error.status === 401) redirect(303, signInPath(event));
    error(detail.error.status, { message: detail.error.message, code: detail.error.code });
  }
  const { service, versions } = detail.data;
  const current = versions.find((v) => v.status === 'published') ?? null;
  // A draft newer than the version in force is the one being edited; older drafts were overtaken.
  const draft = versions[0]?.status === 'draft' && versions[0].version > (service.currentVersion ?? 0) ? versions[0] : null;
  return { tenant, service, versions, current, draft, editing: draft ?? current };
}
