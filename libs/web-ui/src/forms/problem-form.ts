import { ApiError, describeError } from '../api/problem';

/** The part of a Mantine form a problem is shown on. */
export interface FieldErrorTarget {
  setErrors(errors: Record<string, string>): void;
}

/**
 * Puts the API's per-field messages (`errors[].field`, mapped to the form's names by `fields`) next to the
 * fields of `form`, and returns the sentence to show above the form: the problem's detail, or null when
 * every message found its field. A field the form does not have is told in the sentence instead.
 */
export function showProblemOnForm(
  form: FieldErrorTarget,
  error: unknown,
  fields: Record<string, string> = {},
  formFields?: readonly string[],
): string | null {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return describeError(error);
  const mapped = error.fieldErrors(fields);
  const known = formFields
    ? Object.entries(mapped).filter(([name]) => formFields.includes(name))
    : Object.entries(mapped);
  const unknown = formFields ? Object.entries(mapped).filter(([name]) => !formFields.includes(name)) : [];
  form.setErrors(Object.fromEntries(known));
  if (unknown.length === 0) return known.length > 0 ? null : describeError(error);
  return `${error.message} ${unknown.map(([, message]) => message).join('; ')}`;
}
