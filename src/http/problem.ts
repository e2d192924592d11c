import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type ErrorKind, isDomainError } from '../kernel/errors.ts';

/** The one place where error kinds become HTTP statuses. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** RFC 9457 problem details. `code` is the stable machine-readable reason. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

export interface ProblemInput {
  status: number;
  code: string;
  detail: string;
  title?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

export function sendProblem(reply: FastifyReply, problem: ProblemInput) {
  const body: Problem = {
    ...problem,
    type: `https://heartland.example/problems/${problem.code}`,
    title: problem.title ?? TITLES[problem.status] ?? 'Error',
  };
  return reply.code(problem.status).type('application/problem+json').send(body);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isDomainError(error)) {
    // Details first: a detail may never overwrite the status, code or message of the problem.
    return sendProblem(reply, {
      ...(error.details ?? {}),
      status: STATUS_BY_KIND[error.kind],
      code: error.code,
      detail: error.message,
      instance: request.url,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return sendProblem(reply, {
      status: 400,
      code: 'request.invalid',
      detail: `The request ${error.validationContext ?? 'input'} is invalid.`,
      instance: request.url,
      errors: error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath || ''}`.replaceAll('/', '.'),
        message: v.message ?? 'invalid',
      })),
    });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return sendProblem(reply, { status: 500, code: 'internal', detail: 'Internal error.' });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx: malformed JSON, body too large, unsupported content type.
    return sendProblem(reply, {
      status,
      code: `request.${(error.code ?? 'invalid').toLowerCase().replace(/^fst_err_/, '')}`,
      detail: error.message,
      instance: request.url,
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, { status: 500, code: 'internal', detail: 'Internal error.' });
}
