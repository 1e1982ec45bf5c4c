export interface FieldError {
  field: string;
  message: string;
}

export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'business_rule'
  | 'rate_limited';

/**
 * An error the domain raises on purpose. It carries a stable machine `code` and a kind; the HTTP layer
 * maps the kind to a status, so domain code stays free of HTTP types.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], message = 'The request is not valid.') {
    super('validation', 'validation_failed', message, errors);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(code = 'unauthenticated', message = 'Authentication is required.') {
    super('unauthenticated', code, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', message = 'You are not allowed to do this.') {
    super('forbidden', code, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id?: string) {
    super('not_found', 'not_found', id ? `${entity} ${id} was not found.` : `${entity} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

export class BusinessRuleError extends DomainError {
  constructor(code: string, message: string, extensions?: Record<string, unknown>) {
    super('business_rule', code, message, undefined, extensions);
  }
}
