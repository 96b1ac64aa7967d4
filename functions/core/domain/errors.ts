/**
 * Domain errors. Use cases throw these; `functions/http/problem.ts` is the one place that maps them to HTTP.
 * Each carries a stable `type` slug so API clients can branch on it without parsing messages.
 */
export abstract class DomainError extends Error {
  abstract readonly type: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `decisions.3.candidate.email`. */
  readonly field: string;
  readonly message: string;
  /** The line of an uploaded file the issue is on (1 is a CSV file's header row). */
  readonly line?: number;
}

export class ValidationError extends DomainError {
  readonly type = 'validation-failed';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly type = 'not-found';
}

export class ConflictError extends DomainError {
  readonly type = 'conflict';
}

export class AuthenticationError extends DomainError {
  readonly type = 'unauthenticated';
}

/** A signature that matches, on a delivery older than the replay window: answered like any other 401. */
export class StaleSignatureError extends AuthenticationError {}

export class ForbiddenError extends DomainError {
  readonly type = 'forbidden';
}

export class PayloadTooLargeError extends DomainError {
  readonly type = 'payload-too-large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly type = 'unsupported-media-type';
}

/** A template variable the email needs is missing or invalid: never send a blank. */
export class TemplateVariableError extends DomainError {
  readonly type = 'template-variable-invalid';
  constructor(
    message: string,
    readonly variables: readonly string[],
  ) {
    super(message);
  }
}

/** The mail service refused the message for good (bad address, rejected content): do not retry. */
export class PermanentSendError extends DomainError {
  readonly type = 'send-rejected';
}

/** Throttling, 5xx, network: worth another attempt later. */
export class TransientSendError extends DomainError {
  readonly type = 'send-unavailable';
  /**
   * The mail service may have accepted the message despite the error (a timeout, a 5xx): retrying at once could
   * send it twice. A throttle (429) or a paused account is a clear "not sent".
   */
  readonly ambiguous: boolean;
  constructor(message: string, options?: { cause?: unknown; ambiguous?: boolean }) {
    super(message, options);
    this.ambiguous = options?.ambiguous ?? false;
  }
}

/** A service Closeloop depends on (an ATS API) failed or timed out: the caller should retry later. */
export class UpstreamUnavailableError extends DomainError {
  readonly type = 'upstream-unavailable';
}

/** An inbound message that cannot be read at all (not MIME, broken beyond repair). */
export class MalformedMailError extends DomainError {
  readonly type = 'malformed-mail';
}

/** What was asked for existed and was deliberately removed (a candidate's data, erased). */
export class GoneError extends DomainError {
  readonly type = 'gone';
}
