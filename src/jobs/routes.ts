import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../kernel/context.ts';
import { listJobs } from './list.ts';

const Item = z.object({ item: z.string(), error: z.string() });

export const JobsView = z.object({
  installed: z.boolean().describe('False until a server has started the job runner (it creates the schema)'),
  queues: z.array(
    z.object({
      queue: z.string(),
      description: z.string(),
      cadence: z.string(),
      queued: z.number().int(),
      active: z.number().int(),
      failed: z.number().int(),
      lastRun: z
        .object({
          state: z.string(),
          startedOn: z.string(),
          completedOn: z.string().nullable(),
          error: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  inProcess: z.array(z.object({ name: z.string(), description: z.string(), cadence: z.string() })),
  failures: z.array(
    z.object({
      id: z.string(),
      queue: z.string(),
      state: z.enum(['failed', 'retry']).describe('retry: an attempt failed and another is scheduled'),
      attempts: z.number().int(),
      failedOn: z.string().nullable(),
      error: z.string(),
      items: z.array(Item).describe('The items the run could not process, each with its error'),
    }),
  ),
});

/** GET /admin/jobs: the background queues, their last runs, and the failed runs with their errors. */
export function jobsRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/jobs',
      {
        config: { access: ['platform_admin'] },
        schema: {
          tags: ['operations'],
          summary: 'Background jobs: each queue with its last run, and the failed runs with their errors',
          response: { 200: JobsView },
        },
      },
      async () => listJobs(ctx.db),
    );
  };
}
