// Typed domain errors; src/plugins/errors.ts maps them to problem+json in one place.
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Stable machine-readable code clients can translate. */
  abstract readonly code: string;
  readonly headers: Record<string, string> = {};
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Invalid input';
  readonly code: string;
  constructor(detail: string, code = 'invalid_input') {
    super(detail);
    this.code = code;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
  readonly code = 'not_found';
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Authentication required';
  readonly code: string;
  constructor(detail: string, code = 'unauthenticated') {
    super(detail);
    this.code = code;
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
  readonly code: string;
  constructor(detail: string, code = 'forbidden') {
    super(detail);
    this.code = code;
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
  readonly code: string;
  constructor(detail: string, code = 'conflict') {
    super(detail);
    this.code = code;
  }
}

export class GoneError extends DomainError {
  readonly status = 410;
  readonly title = 'Gone';
  readonly code: string;
  constructor(detail: string, code = 'gone') {
    super(detail);
    this.code = code;
  }
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';
  readonly code = 'too_many_requests';
  constructor(detail: string, retryAfterSeconds: number) {
    super(detail);
    this.headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class ServiceBusyError extends DomainError {
  readonly status = 503;
  readonly title = 'Service busy';
  readonly code = 'service_busy';
  constructor(detail: string, retryAfterSeconds = 5) {
    super(detail);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}
