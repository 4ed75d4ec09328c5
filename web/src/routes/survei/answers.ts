/** The API body for a questionnaire posted from Questionnaire.svelte. */
export function responseBodyOf(form: FormData) {
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 9; i++) {
    const value = String(form.get(`U${i}`) ?? '');
    if (value !== '') answers[`U${i}`] = Number(value);
  }
  const profile: Record<string, string> = {};
  for (const key of ['ageBand', 'sex', 'education', 'occupation']) {
    const value = String(form.get(key) ?? '');
    if (value !== '') profile[key] = value;
  }
  const suggestion = String(form.get('suggestion') ?? '').trim();
  return { answers, profile, ...(suggestion ? { suggestion } : {}) };
}
