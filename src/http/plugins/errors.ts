import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, type AppErrorCode, type FieldError } from '../../errors/app-error.ts';
import { fieldErrorFromIssue } from '../../errors/field-messages.ts';

/**
 * The problem body of every 4xx/5xx (RFC 9457 shape, plus our bilingual message and the list
 * of bad fields that the web app turns into a GOV.UK error summary).
 */
export type Problem = {
  type: 'about:blank';
  status: number;
  code: AppErrorCode | 'INTERNAL' | 'UNSUPPORTED_MEDIA_TYPE' | 'BAD_REQUEST';
  title: string;
  message: { fa: string; en: string };
  fields: FieldError[];
};

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body: Problem = {
    type: 'about:blank',
    status: error.status,
    code: error.code,
    title: error.messages.en,
    message: error.messages,
    fields: error.fields,
  };

  return reply.status(error.status).type('application/problem+json').send(body);
}

/** Maps every error to a problem body: 4xx for what the caller did, a bare 500 for our faults. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.flatMap((v) =>
        fieldErrorFromIssue({
          ...(v.params as object),
          code: v.keyword,
          path: v.instancePath.split('/').filter((p) => p !== ''),
          message: v.message ?? '',
        } as z.core.$ZodIssue),
      );

      return sendProblem(reply, new AppError('INVALID_INPUT', { fields }));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendProblem(reply, new AppError('PAYLOAD_TOO_LARGE'));
    if (status === 429) return sendProblem(reply, new AppError('RATE_LIMITED'));
    if (status >= 400 && status < 500) {
      const body: Problem = {
        type: 'about:blank',
        status,
        code: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST',
        title: 'Bad request',
        message: { fa: 'درخواست نامعتبر است', en: 'The request is not valid' },
        fields: [],
      };

      return reply.status(status).type('application/problem+json').send(body);
    }
    request.log.error({ err: error }, 'unhandled error');
    const body: Problem = {
      type: 'about:blank',
      status: 500,
      code: 'INTERNAL',
      title: 'Internal error',
      message: {
        fa: 'خطایی در سامانه رخ داد؛ دوباره تلاش کنید',
        en: 'Something went wrong; please try again',
      },
      fields: [],
    };

    return reply.status(500).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((_request, reply) =>
    sendProblem(
      reply,
      new AppError('NOT_FOUND', { message: { fa: 'این نشانی وجود ندارد', en: 'No such address' } }),
    ),
  );
}
