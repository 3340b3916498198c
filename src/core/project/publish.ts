/** `publish` (SPEC §2.3): the git remote a release is pushed to, and the team's hub. */
import { z } from 'zod';

export const HubSchema = z.object({
  url: z
    .url({ error: 'expected the hub URL (http or https)' })
    .refine((u) => /^https?:\/\//.test(u), 'expected an http or https URL')
    // A password in the URL would reach the database, the plan and error messages: tokens live in token_env.
    .refine((u) => !/^https?:\/\/[^/?#]*@/.test(u), 'expected a URL without user or password; put the token in the environment variable named by token_env'),
  token_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').default('GREENLIGHT_HUB_TOKEN'),
  /** The agent id on the hub; defaults to the project name. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'expected an id of letters, digits, . _ -').optional(),
});

export const PublishSchema = z
  .object({
    git: z.object({ push: z.union([z.string().min(1), z.literal(false)]).default('origin') }).default({ push: 'origin' }),
    hub: HubSchema.optional(),
  })
  .default({ git: { push: 'origin' } });

export const PublishShape = { publish: PublishSchema };
