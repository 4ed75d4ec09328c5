import { answersFromEntries, type CatalogIssue, type EntryValue, type FormDefinition, type Lang } from '@layan/domain';

/**
 * The answers of a form rendered by FormRenderer.svelte, read back from the form post: the object
 * `validateFormAnswers` (domain) takes. Blank answers are left out; a file input gives its
 * name, type and size (the bytes are the upload module's business).
 */
export function formValuesFromFormData(definition: FormDefinition, data: FormData): Record<string, unknown> {
  const entries: Array<[string, EntryValue]> = [];
  for (const [name, value] of data.entries()) {
    entries.push([name, typeof value === 'string' ? value : { name: value.name, type: value.type, size: value.size }]);
  }
  return answersFromEntries(definition, entries);
}

/**
 * Per-field messages for FormRenderer from validateFormAnswers issues: the issue path
 * ('saksi[0].nik', 'alamat') is the control name, or its prefix for an address.
 */
export function fieldErrorsOf(issues: readonly CatalogIssue[], lang: Lang): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const message = lang === 'en' ? issue.messageEn : issue.message;
    errors[issue.path] = errors[issue.path] ? `${errors[issue.path]} ${message}` : message;
  }
  return errors;
}
