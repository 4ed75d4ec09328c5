import { DEFAULT_WORKFLOW, pickText, workflowState } from '@layan/domain';
import { RISKS_SHOWN } from './inbox';
import { apiGet } from '$lib/server/api';
import { failPage, requireStaff } from '../../admin/staff-session';
import { zoneOf } from '../../permohonan/application.server';
import { when, type Risk } from '../../permohonan/application';
import type { PageServerLoad } from './$types';

interface InboxItem {
  id: string;
  trackingCode: string;
  tenantCode: string;
  service: { id: string; slug: string; name: string };
  agency: { id: string; name: string };
  state: string;
  stateLabel: { id: string; en: string };
  channel: string;
  submittedAt: string;
  dueAt: string | null;
  dueDate: string | null;
  risk: Risk;
}

const STATES = ['diajukan', 'verifikasi', 'diproses', 'dikembalikan'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant (kab/kota) a staff member works in, from their first grant. */
function tenantOf(regionCode: string | null): string | null {
  const match = regionCode ? /^\d{2}\.\d{2}/.exec(regionCode) : null;
  return match ? match[0] : null;
}

export const load: PageServerLoad = async (event) => {
  const session = await requireStaff(event);
  const lang = event.locals.lang;
  const params = event.url.searchParams;
  const filters = {
    state: (STATES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : '',
    risk: (RISKS_SHOWN as readonly string[]).includes(params.get('risiko') ?? '') ? params.get('risiko')! : '',
    agencyId: UUID.test(params.get('instansi') ?? '') ? params.get('instansi')! : '',
  };
  const query = new URLSearchParams();
  if (filters.state) query.set('state', filters.state);
  if (filters.risk) query.set('risk', filters.risk);
  if (filters.agencyId) query.set('agencyId', filters.agencyId);
  const inbox = await apiGet<{ generatedAt: string; items: InboxItem[] }>(event, `/api/v1/staff/applications?${query}`);
  if (!inbox.ok) failPage(inbox, event);
  const tenant = tenantOf(session.grants.find((g) => g.regionCode)?.regionCode ?? session.staff.regionCode);
  const agencies = tenant
    ? await apiGet<{ items: Array<{ id: string; name: string }> }>(event, `/api/v1/agencies?region=${tenant}`)
    : undefined;
  const supervises = session.grants.some((g) =>
    ['supervisor', 'admin_pemda', 'admin_instansi', 'admin_nasional', 'pemantau'].includes(g.role),
  );
  const assists = session.grants.some((g) => ['petugas_loket', 'operator_desa'].includes(g.role));
  return {
    filters,
    states: STATES.map((s) => ({ value: s, label: pickText(workflowState(DEFAULT_WORKFLOW, s)?.label ?? { id: s }, lang) })),
    agencies: agencies?.ok ? agencies.data.items.map((a) => ({ id: a.id, name: a.name })) : [],
    generatedAt: when(inbox.data.generatedAt, zoneOf(tenant ?? '35.10')),
    supervises,
    assists,
    items: inbox.data.items.map((item) => ({
      id: item.id,
      trackingCode: item.trackingCode,
      service: item.service.name,
      agency: item.agency.name,
      state: pickText(item.stateLabel, lang),
      channel: item.channel,
      risk: item.risk,
      submittedAt: when(item.submittedAt, zoneOf(item.tenantCode))!,
      dueAt: when(item.dueAt, zoneOf(item.tenantCode)),
    })),
  };
};
