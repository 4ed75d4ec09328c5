import { error, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { zoneOf } from '../../permohonan/application.server';
import { when } from '../../permohonan/application';
import type { TrackView } from '../track';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store' });
  const result = await apiGet<TrackView>(event, `/api/v1/track/${encodeURIComponent(event.params.code)}`);
  if (!result.ok) error(result.error.status, { message: result.error.message, code: result.error.code });
  const track = result.data;
  // A code typed by hand (lower case, spaces): the canonical address, so it can be shared.
  if (track.trackingCode !== event.params.code) redirect(301, `/lacak/${track.trackingCode}`);
  const zone = zoneOf(track.tenantCode);
  return {
    track,
    zone,
    times: {
      submittedAt: when(track.submittedAt, zone)!,
      dueAt: when(track.dueAt, zone),
      closedAt: when(track.closedAt, zone),
      history: track.history.map((h) => when(h.at, zone)!),
    },
  };
};
