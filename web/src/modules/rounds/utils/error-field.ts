/** The input path the server named for the first problem of an error (`input.deadline`), if any. */
export function errorField(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return null;
  const field = (errors[0] as { extensions?: { field?: unknown } } | undefined)?.extensions?.field;
  return typeof field === 'string' ? field : null;
}
