/**
 * The complaint lifecycle (REFERENCE §5): public statuses of SP4N-LAPOR! and the actions that move
 * between them. One table decides; the server refuses any action the table does not list.
 *
 *   belum_terverifikasi ─verify→ terverifikasi ─dispose→ terdisposisi ─follow_up→ ditindaklanjuti ─answer→ selesai
 *          │  └─reject→ bukan_wewenang   └─archive→ diarsipkan     ↑ dispose (further down)     │  reopen (within the window)
 *          └──────────────────────────────────────────────────────┴──────────────────────────────┘
 */

export type ComplaintStatus =
  'belum_terverifikasi' | 'terverifikasi' | 'terdisposisi' | 'ditindaklanjuti' | 'selesai' | 'bukan_wewenang' | 'diarsipkan';

export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = [
  'belum_terverifikasi',
  'terverifikasi',
  'terdisposisi',
  'ditindaklanjuti',
  'selesai',
  'bukan_wewenang',
  'diarsipkan',
];

export const COMPLAINT_STATUS_LABELS: Readonly<Record<ComplaintStatus, { id: string; en: string }>> = {
  belum_terverifikasi: { id: 'Belum terverifikasi', en: 'Not yet verified' },
  terverifikasi: { id: 'Terverifikasi', en: 'Verified' },
  terdisposisi: { id: 'Terdisposisi', en: 'Assigned to an agency' },
  ditindaklanjuti: { id: 'Ditindaklanjuti', en: 'Being handled' },
  selesai: { id: 'Selesai', en: 'Answered' },
  bukan_wewenang: { id: 'Bukan wewenang', en: 'Outside our authority' },
  diarsipkan: { id: 'Diarsipkan', en: 'Archived' },
};

export type ComplaintAction = 'verify' | 'reject' | 'archive' | 'dispose' | 'follow_up' | 'answer' | 'reopen';

export const COMPLAINT_ACTIONS: readonly ComplaintAction[] = [
  'verify',
  'reject',
  'archive',
  'dispose',
  'follow_up',
  'answer',
  'reopen',
];

/** Who acts: the tenant's admin koordinator, the disposed agency, or the reporter (by tracking code). */
export type ComplaintActor = 'coordinator' | 'agency' | 'reporter';

interface Transition {
  from: readonly ComplaintStatus[];
  to: ComplaintStatus;
  by: readonly ComplaintActor[];
}

export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintAction, Transition>> = {
  verify: { from: ['belum_terverifikasi'], to: 'terverifikasi', by: ['coordinator'] },
  reject: { from: ['belum_terverifikasi', 'terverifikasi'], to: 'bukan_wewenang', by: ['coordinator'] },
  archive: { from: ['belum_terverifikasi', 'terverifikasi'], to: 'diarsipkan', by: ['coordinator'] },
  // The coordinator disposes a verified complaint; the agency may pass it further down (a unit).
  dispose: { from: ['terverifikasi', 'terdisposisi'], to: 'terdisposisi', by: ['coordinator', 'agency'] },
  follow_up: { from: ['terdisposisi'], to: 'ditindaklanjuti', by: ['agency'] },
  answer: { from: ['terdisposisi', 'ditindaklanjuti'], to: 'selesai', by: ['agency'] },
  reopen: { from: ['selesai'], to: 'terdisposisi', by: ['reporter'] },
};

/** Statuses in which nothing more happens (an answered complaint may still be reopened). */
export const COMPLAINT_FINAL_STATUSES: readonly ComplaintStatus[] = ['bukan_wewenang', 'diarsipkan'];

export type ComplaintTransitionResult =
  { ok: true; to: ComplaintStatus } | { ok: false; reason: 'status' | 'actor'; allowedFrom: readonly ComplaintStatus[] };

/** Where `action` by `actor` leads from `status`, or why it may not happen. Never throws. */
export function complaintTransition(
  status: ComplaintStatus,
  action: ComplaintAction,
  actor: ComplaintActor,
): ComplaintTransitionResult {
  const rule = COMPLAINT_TRANSITIONS[action];
  if (!rule.by.includes(actor)) return { ok: false, reason: 'actor', allowedFrom: rule.from };
  if (!rule.from.includes(status)) return { ok: false, reason: 'status', allowedFrom: rule.from };
  return { ok: true, to: rule.to };
}

/** The actions `actor` may take from `status`, in lifecycle order. */
export function availableComplaintActions(status: ComplaintStatus, actor: ComplaintActor): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => complaintTransition(status, a, actor).ok);
}
