/**
 * Per-service application workflows: states, the transitions between them, who may make each
 * and what each requires (a note, an uploaded output). The default is the one most services
 * use: diajukan → verifikasi → diproses → selesai, with ditolak (rejected) and dikembalikan
 * (returned to the citizen for a fix, who resubmits into diajukan).
 */
import type { Bilingual } from '../catalog/issues.ts';
import type { DomainIssue } from '../issue.ts';

/** The citizen, as an actor of a transition (resubmitting after a return). */
export const CITIZEN_ACTOR = 'warga';

/** Staff roles that may act on applications, and the citizen. */
export const WORKFLOW_ACTORS = [
  CITIZEN_ACTOR,
  'petugas_loket',
  'petugas_back_office',
  'operator_desa',
  'supervisor',
  'admin_instansi',
  'admin_pemda',
] as const;
export type WorkflowActor = (typeof WORKFLOW_ACTORS)[number];

export interface WorkflowState {
  key: string;
  label: Bilingual;
  /** Nothing leaves a terminal state. */
  terminal?: boolean;
  /** The application waits on the citizen here: the SLA clock is paused. */
  waitingOnCitizen?: boolean;
  /** What the outcome is, for terminal states. */
  outcome?: 'completed' | 'rejected';
}

export interface WorkflowTransition {
  from: string;
  to: string;
  roles: readonly WorkflowActor[];
  requires?: { note?: boolean; output?: boolean };
}

export interface WorkflowDefinition {
  id: string;
  version: number;
  /** Where a submitted application starts. */
  initial: string;
  states: readonly WorkflowState[];
  transitions: readonly WorkflowTransition[];
}

const OFFICERS: readonly WorkflowActor[] = ['petugas_loket', 'petugas_back_office', 'supervisor'];
const BACK_OFFICE: readonly WorkflowActor[] = ['petugas_back_office', 'supervisor'];

export const DEFAULT_WORKFLOW: WorkflowDefinition = {
  id: 'default',
  version: 1,
  initial: 'diajukan',
  states: [
    { key: 'diajukan', label: { id: 'Diajukan', en: 'Submitted' } },
    { key: 'verifikasi', label: { id: 'Verifikasi berkas', en: 'Checking documents' } },
    { key: 'diproses', label: { id: 'Diproses', en: 'In progress' } },
    { key: 'dikembalikan', label: { id: 'Dikembalikan untuk diperbaiki', en: 'Returned for a fix' }, waitingOnCitizen: true },
    { key: 'selesai', label: { id: 'Selesai', en: 'Completed' }, terminal: true, outcome: 'completed' },
    { key: 'ditolak', label: { id: 'Ditolak', en: 'Rejected' }, terminal: true, outcome: 'rejected' },
  ],
  transitions: [
    { from: 'diajukan', to: 'verifikasi', roles: OFFICERS },
    { from: 'verifikasi', to: 'diproses', roles: OFFICERS },
    { from: 'verifikasi', to: 'dikembalikan', roles: OFFICERS, requires: { note: true } },
    { from: 'verifikasi', to: 'ditolak', roles: BACK_OFFICE, requires: { note: true } },
    { from: 'diproses', to: 'dikembalikan', roles: BACK_OFFICE, requires: { note: true } },
    { from: 'diproses', to: 'selesai', roles: BACK_OFFICE },
    { from: 'diproses', to: 'ditolak', roles: BACK_OFFICE, requires: { note: true } },
    { from: 'dikembalikan', to: 'diajukan', roles: [CITIZEN_ACTOR] },
  ],
};

/** The state named `key`, or undefined. */
export function workflowState(definition: WorkflowDefinition, key: string): WorkflowState | undefined {
  return definition.states.find((s) => s.key === key);
}

function issue(code: string, message: string, messageEn: string): DomainIssue {
  return { code, message, messageEn };
}

/**
 * Checks a workflow: known initial state, unique state keys, transitions between known states by
 * known actors, none out of a terminal state, every state reachable from the initial one, at least
 * one terminal state. Returns every issue found (none when valid).
 */
export function validateWorkflow(definition: WorkflowDefinition): DomainIssue[] {
  const issues: DomainIssue[] = [];
  const keys = new Set<string>();
  for (const state of definition.states) {
    if (!/^[a-z][a-z_]{1,39}$/.test(state.key))
      issues.push(issue('WORKFLOW_STATE_KEY', `Kode status "${state.key}" tidak sah.`, `State key "${state.key}" is invalid.`));
    if (keys.has(state.key))
      issues.push(issue('WORKFLOW_STATE_DUPLICATE', `Status "${state.key}" ganda.`, `State "${state.key}" is listed twice.`));
    keys.add(state.key);
  }
  if (!keys.has(definition.initial))
    issues.push(
      issue(
        'WORKFLOW_STATE_UNKNOWN',
        `Status awal "${definition.initial}" tidak dikenal.`,
        `Initial state "${definition.initial}" is unknown.`,
      ),
    );
  if (!definition.states.some((s) => s.terminal))
    issues.push(issue('WORKFLOW_NO_TERMINAL', 'Tidak ada status akhir.', 'There is no terminal state.'));
  const seen = new Set<string>();
  for (const t of definition.transitions) {
    for (const end of [t.from, t.to]) {
      if (!keys.has(end))
        issues.push(
          issue(
            'WORKFLOW_STATE_UNKNOWN',
            `Transisi memakai status tak dikenal "${end}".`,
            `A transition uses unknown state "${end}".`,
          ),
        );
    }
    if (t.from === t.to)
      issues.push(
        issue(
          'WORKFLOW_SELF_LOOP',
          `Transisi ${t.from} → ${t.to} tidak mengubah status.`,
          `Transition ${t.from} → ${t.to} changes nothing.`,
        ),
      );
    const pair = `${t.from}→${t.to}`;
    if (seen.has(pair))
      issues.push(
        issue(
          'WORKFLOW_TRANSITION_DUPLICATE',
          `Transisi ${t.from} → ${t.to} ganda.`,
          `Transition ${t.from} → ${t.to} is listed twice.`,
        ),
      );
    seen.add(pair);
    if (workflowState(definition, t.from)?.terminal)
      issues.push(
        issue(
          'WORKFLOW_FROM_TERMINAL',
          `Status akhir "${t.from}" tidak boleh punya transisi keluar.`,
          `Terminal state "${t.from}" cannot have outgoing transitions.`,
        ),
      );
    if (t.roles.length === 0)
      issues.push(
        issue('WORKFLOW_NO_ROLES', `Transisi ${t.from} → ${t.to} tanpa peran.`, `Transition ${t.from} → ${t.to} names no role.`),
      );
    for (const role of t.roles) {
      if (!(WORKFLOW_ACTORS as readonly string[]).includes(role))
        issues.push(issue('WORKFLOW_ROLE_UNKNOWN', `Peran "${role}" tidak dikenal.`, `Role "${role}" is unknown.`));
    }
  }
  if (keys.has(definition.initial)) {
    const reached = new Set([definition.initial]);
    const queue = [definition.initial];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const t of definition.transitions) {
        if (t.from === from && keys.has(t.to) && !reached.has(t.to)) {
          reached.add(t.to);
          queue.push(t.to);
        }
      }
    }
    for (const key of keys) {
      if (!reached.has(key))
        issues.push(issue('WORKFLOW_UNREACHABLE', `Status "${key}" tidak dapat dicapai.`, `State "${key}" cannot be reached.`));
    }
  }
  return issues;
}

export interface TransitionRequest {
  from: string;
  to: string;
  /** The roles the actor holds for this application (CITIZEN_ACTOR for the citizen). */
  roles: readonly string[];
  note?: string | null;
  outputUploadId?: string | null;
}

export type TransitionCheck =
  | { ok: true; transition: WorkflowTransition; state: WorkflowState }
  | {
      ok: false;
      code:
        | 'WORKFLOW_STATE_UNKNOWN'
        | 'TRANSITION_NOT_ALLOWED'
        | 'TRANSITION_ROLE_FORBIDDEN'
        | 'TRANSITION_NOTE_REQUIRED'
        | 'TRANSITION_OUTPUT_REQUIRED';
    };

/** Whether an actor with `roles` may move an application from `from` to `to` with what they give. */
export function checkTransition(definition: WorkflowDefinition, request: TransitionRequest): TransitionCheck {
  const state = workflowState(definition, request.to);
  if (!state || !workflowState(definition, request.from)) return { ok: false, code: 'WORKFLOW_STATE_UNKNOWN' };
  const transition = definition.transitions.find((t) => t.from === request.from && t.to === request.to);
  if (!transition) return { ok: false, code: 'TRANSITION_NOT_ALLOWED' };
  if (!transition.roles.some((r) => request.roles.includes(r))) return { ok: false, code: 'TRANSITION_ROLE_FORBIDDEN' };
  if (transition.requires?.note && !request.note?.trim()) return { ok: false, code: 'TRANSITION_NOTE_REQUIRED' };
  if (transition.requires?.output && !request.outputUploadId) return { ok: false, code: 'TRANSITION_OUTPUT_REQUIRED' };
  return { ok: true, transition, state };
}

/** The transitions an actor with `roles` may take from `from` (for the officer's buttons). */
export function availableTransitions(
  definition: WorkflowDefinition,
  from: string,
  roles: readonly string[],
): WorkflowTransition[] {
  return definition.transitions.filter((t) => t.from === from && t.roles.some((r) => roles.includes(r)));
}
