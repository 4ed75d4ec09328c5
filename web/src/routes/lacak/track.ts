/** GET /api/v1/track/{code} (server/src/modules/application/application.schemas.ts, TrackResponse). */
export interface TrackView {
  trackingCode: string;
  tenantCode: string;
  service: { id: string; slug: string; name: string };
  agencyName: string;
  state: string;
  stateLabel: { id: string; en: string };
  submittedAt: string;
  dueAt: string | null;
  dueDate: string | null;
  closedAt: string | null;
  outcome: 'completed' | 'rejected' | null;
  history: Array<{ state: string; label: { id: string; en: string }; at: string }>;
}
