/** RFC 9457 problem details as the Carryover API sends them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** A failed API call: the problem the API answered with, or one made up for a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? `http_${problem.status}`;
    this.problem = problem;
  }

  /**
   * The per-field messages keyed by form field. `fields` maps an API field (`refundMinor`,
   * `buyerEligibility.regions`) to the form's name for it; unmapped fields keep their API name.
   */
  fieldErrors(fields: Record<string, string> = {}): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const { field, message } of this.problem.errors ?? []) {
      const name = fields[field] ?? field;
      errors[name] = errors[name] ? `${errors[name]}; ${message}` : message;
    }
    return errors;
  }
}

export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

/** A sentence for a person from any error a query or mutation can throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => e.message).join('; ');
    return fields ? `${error.message} ${fields}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
