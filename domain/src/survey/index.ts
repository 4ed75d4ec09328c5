export * from './questionnaire.ts';
export * from './export.ts';
