import { redirect } from '@sveltejs/kit';
import { loadOwnApplication, noStore, zoneOf } from '../../application.server';
import { when } from '../../application';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  noStore(event);
  const app = await loadOwnApplication(event, event.params.id);
  if (!app.trackingCode || app.state === 'draft') redirect(303, `/permohonan/${app.id}`);
  return {
    app,
    resubmitted: app.history.filter((h) => h.to === app.state).length > 1,
    dueAt: when(app.sla.dueAt, zoneOf(app.tenantCode)),
    trackUrl: `${event.url.origin}/lacak`,
  };
};
