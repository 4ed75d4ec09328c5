import { formatDateTime, type FormDefinition, type FormField, type Lang, type TimeZoneName } from '@layan/domain';

// Shapes of the applications API (server/src/modules/application/application.schemas.ts) as the
// pages use them, and small display helpers shared by the citizen and officer pages.

export interface Label {
  id: string;
  en: string;
}

export interface UploadView {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface HistoryEntry {
  seq: number;
  from: string | null;
  to: string;
  toLabel: Label;
  at: string;
  by: string;
  note: string | null;
  outputUploadId: string | null;
}

export type Risk = 'overdue' | 'due_today' | 'due_soon' | 'on_track' | 'paused' | 'closed';

export interface ApplicationSummary {
  id: string;
  trackingCode: string | null;
  tenantCode: string;
  service: { id: string; slug: string; name: string; version: number };
  agency: { id: string; name: string };
  state: string;
  stateLabel: Label;
  rowVersion: number;
  channel: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  sla: { amount: number | null; unit: string | null; dueAt: string | null; dueDate: string | null; risk: Risk | null };
  closedAt: string | null;
  outcome: 'completed' | 'rejected' | null;
}

/** A signed output letter (docs/DOCUMENTS.md); `url` downloads the PDF with the visitor's session. */
export interface DocumentLink {
  id: string;
  title: { id: string; en: string };
  decision: string;
  issuedAt: string;
  revoked: boolean;
  url: string;
}

export interface ApplicationView extends ApplicationSummary {
  answers: Record<string, unknown>;
  uploads: UploadView[];
  history: HistoryEntry[];
  documents: DocumentLink[];
}

export interface StaffApplicationView extends ApplicationView {
  citizen: { id: string; name: string; nik: string; email: string | null; phone: string | null } | null;
  assisted: {
    by: string;
    locationId: string | null;
    regionCode: string;
    consentMethod: string | null;
    consentAt: string | null;
  } | null;
  transitions: Array<{ to: string; label: Label; requiresNote: boolean; requiresOutput: boolean }>;
}

export const RISKS: readonly Risk[] = ['overdue', 'due_today', 'due_soon', 'on_track', 'paused', 'closed'];

/** "22 November 2026 pukul 09.30 WIB", or null. */
export function when(iso: string | null | undefined, zone: TimeZoneName): string | null {
  return iso ? formatDateTime(new Date(iso), zone) : null;
}

/** A tracking code spelled for reading aloud: "L-Y-N, 7-K-Q-4, …". */
export function spell(code: string): string {
  return code
    .split('-')
    .map((group) => group.split('').join('-'))
    .join(', ');
}

/** The field a path names ('saksi[1].nama' → the `nama` field of group `saksi`). */
export function fieldAt(fields: readonly FormField[], path: string): FormField | undefined {
  const [head, ...rest] = path.split('.');
  const key = head!.replace(/\[\d+\]$/, '');
  const field = fields.find((f) => f.key === key);
  if (!field || rest.length === 0) return field;
  if (field.type === 'group') return fieldAt(field.fields, rest.join('.'));
  return field;
}

/** The id of the control an error about `path` should lead to (FormRenderer's ids, prefix 'f-'). */
export function controlIdOf(definition: FormDefinition | null, path: string): string {
  const base = `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const field = definition ? fieldAt(definition.fields, path) : undefined;
  if (!field) return base;
  if (field.type === 'address') return `${base}-street`;
  if (field.type === 'choice' && (field.multiple || field.options.length <= 5)) return `${base}-0`;
  return base;
}

/** Per-path messages (FormRenderer's `errors`) and the error summary's links, from form issues. */
export function formErrors(
  definition: FormDefinition | null,
  issues: ReadonlyArray<{ path: string; message: string; messageEn?: string }>,
  lang: Lang,
): { byPath: Record<string, string>; summary: Array<{ field: string; message: string }> } {
  const byPath: Record<string, string> = {};
  for (const issue of issues) {
    const message = lang === 'en' ? (issue.messageEn ?? issue.message) : issue.message;
    byPath[issue.path] = byPath[issue.path] ? `${byPath[issue.path]} ${message}` : message;
  }
  const summary = Object.entries(byPath).map(([path, message]) => ({ field: controlIdOf(definition, path), message }));
  return { byPath, summary };
}
