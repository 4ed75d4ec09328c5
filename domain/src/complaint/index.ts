export * from './rules.ts';
export * from './lifecycle.ts';
export * from './deadlines.ts';
export * from './tracking-code.ts';
