import type { z } from 'zod';

/** The first few things wrong with an input, each with where: what an error message says. */
export function zodProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 300);
}
