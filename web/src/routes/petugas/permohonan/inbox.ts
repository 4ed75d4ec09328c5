/** The SLA risks an officer filters by (closed applications are not in the inbox). */
export const RISKS_SHOWN = ['overdue', 'due_today', 'due_soon', 'on_track', 'paused'] as const;
