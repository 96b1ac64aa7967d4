import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import {
  AuthenticationError,
  ConflictError,
  type DomainError,
  type FieldIssue,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  TemplateVariableError,
  UnsupportedMediaTypeError,
  UpstreamUnavailableError,
  ValidationError,
} from '#core/domain/errors.ts';
import type { Log } from '#core/ports/log.ts';
import { requestIdOf } from './request-id.ts';

/** RFC 9457 problem details. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldIssue[];
  /** The request's id (`X-Request-Id`): quoted in a ticket, it finds the request in the logs. */
  readonly requestId?: string;
}

const PROBLEM_BASE = 'https://closeloop.dev/problems/';

const STATUS_BY_ERROR: readonly [abstract new (...args: never[]) => DomainError, ContentfulStatusCode, string][] = [
  [ValidationError, 400, 'Invalid request'],
  [AuthenticationError, 401, 'Authentication required'],
  [ForbiddenError, 403, 'Forbidden'],
  [NotFoundError, 404, 'Not found'],
  [ConflictError, 409, 'Conflict'],
  [GoneError, 410, 'Gone'],
  [PayloadTooLargeError, 413, 'Payload too large'],
  [UnsupportedMediaTypeError, 415, 'Unsupported media type'],
  [UpstreamUnavailableError, 503, 'Service unavailable'],
  // A notice whose email cannot be rendered (a preview of it, for instance): the request was fine, the data not.
  [TemplateVariableError, 422, 'Email cannot be rendered'],
];

type PathPart = string | number;
interface IssueLike {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly errors?: readonly (readonly IssueLike[])[];
  readonly keys?: readonly string[];
}

function flatten(issues: readonly IssueLike[], prefix: readonly PathPart[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p))];
    // A union failed every branch: report the branch the input came closest to, not all of them.
    if (issue.code === 'invalid_union' && issue.errors !== undefined && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => flatten(branch, path));
      const closest = branches.reduce((best, next) => (next.length < best.length ? next : best));
      if (closest.length > 0) return closest;
    }
    // Each unknown key is a field of its own (`candidate.timezone`), so a typo is named where it was made.
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0) {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'Unrecognized key' }));
    }
    return [{ field: path.join('.') || '(body)', message: issue.message }];
  });
}

/** Zod issues as field paths a person can act on (`decisions.3.candidate.email: Invalid email address`). */
export function issuesFromZod(error: ZodError, prefix: readonly PathPart[] = []): FieldIssue[] {
  return flatten(error.issues as readonly IssueLike[], prefix);
}

export function problemJson(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify({ ...problem, requestId: requestIdOf(c) }), problem.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}

/**
 * The one place errors become HTTP. Domain errors map by class; Hono's own (malformed JSON, body limit) by
 * status; anything else is a 500 whose detail never leaks the underlying error.
 */
export function toProblem(error: unknown, instance: string, log: Log): Problem {
  for (const [type, status, title] of STATUS_BY_ERROR) {
    if (error instanceof type) {
      const domain = error as DomainError;
      // An authentication failure says nothing about why: no hints for someone probing secrets.
      const detail = status === 401 ? 'Missing or invalid credentials.' : domain.message;
      return {
        type: `${PROBLEM_BASE}${domain.type}`,
        title,
        status,
        detail,
        instance,
        ...(error instanceof ValidationError ? { errors: error.issues } : {}),
      };
    }
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413)
      return { type: `${PROBLEM_BASE}payload-too-large`, title: 'Payload too large', status, instance };
    if (status < 500) {
      return { type: `${PROBLEM_BASE}bad-request`, title: 'Bad request', status, detail: error.message, instance };
    }
  }
  log.error('unhandled error', {
    instance,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  return {
    type: `${PROBLEM_BASE}internal`,
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side; the request can be retried.',
    instance,
  };
}
