import { apiGet } from '$lib/server/api';
import { failPage, requireStaff } from '../../../admin/staff-session';
import { zoneOf } from '../../../permohonan/application.server';
import { when } from '../../../permohonan/application';
import type { PageServerLoad } from './$types';

interface Summary {
  generatedAt: string;
  agencies: Array<{
    agencyId: string;
    agencyName: string;
    tenantCode: string;
    open: number;
    byState: Record<string, number>;
    byRisk: Record<string, number>;
    closed: { completed: number; rejected: number };
    escalations: number;
  }>;
}

export const load: PageServerLoad = async (event) => {
  await requireStaff(event);
  const result = await apiGet<Summary>(event, '/api/v1/staff/applications/summary');
  if (!result.ok) failPage(result, event);
  const tenant = result.data.agencies[0]?.tenantCode ?? '35.10';
  return { summary: result.data, generatedAt: when(result.data.generatedAt, zoneOf(tenant)) };
};
