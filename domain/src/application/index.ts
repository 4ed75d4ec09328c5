export * from './tracking-code.ts';
export * from './workflow.ts';
export * from './sla.ts';
