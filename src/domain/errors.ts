// Typed domain errors; src/plugins/errors.ts maps them to problem+json in one place.
export abstract class DomainError extends Error {
  readonly headers: Record<string, string> = {};
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    /** Stable machine-readable code clients can translate. */
    readonly code: string,
  ) {
    super(detail);
  }
}

export class InvalidInputError extends DomainError {
  constructor(detail: string, code = 'invalid_input') {
    super(400, 'Invalid input', detail, code);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail: string, code = 'unauthenticated') {
    super(401, 'Authentication required', detail, code);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: string, code = 'forbidden') {
    super(403, 'Forbidden', detail, code);
  }
}

export class NotFoundError extends DomainError {
  constructor(detail: string) {
    super(404, 'Not found', detail, 'not_found');
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, code = 'conflict') {
    super(409, 'Conflict', detail, code);
  }
}

export class GoneError extends DomainError {
  constructor(detail: string, code = 'gone') {
    super(410, 'Gone', detail, code);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'Too many requests', detail, 'too_many_requests');
    this.headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class ServiceBusyError extends DomainError {
  constructor(detail: string, retryAfterSeconds = 5) {
    super(503, 'Service busy', detail, 'service_busy');
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(detail: string) {
    super(413, 'Payload too large', detail, 'payload_too_large');
  }
}
