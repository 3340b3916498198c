/** The first calls: app info, projects, the run list. */
import { z } from 'zod';
import { call } from './call';
import { AppInfoSchema, ProjectSchema, RunDetailSchema, RunListPageSchema, RunListQuerySchema } from '../schemas';

export const houseCalls = {
  'app.info': call(z.object({}), AppInfoSchema),
  'projects.list': call(z.object({}), z.array(ProjectSchema)),
  'projects.open': call(z.object({ path: z.string().trim().min(1, 'a project folder is required') }), ProjectSchema, true),
  /**
   * Write a starting greenlight.yaml into a folder that has none — the very `greenlight init`
   * of the CLI, after the user confirmed in the console — then add the project. Refused with
   * the reason when the path is not a folder, already has a greenlight.yaml, or cannot be
   * written; an existing file is never overwritten.
   */
  'projects.init': call(
    z.object({ path: z.string().trim().min(1, 'a project folder is required') }),
    z.object({ project: ProjectSchema, file: z.string(), found: z.array(z.string()), problems: z.array(z.string()) }),
    true,
  ),
  /** Take a project off the list; its runs and its folder stay, and opening the folder again brings it back. */
  'projects.forget': call(z.object({ projectId: z.string().min(1) }), z.object({ forgotten: z.boolean() }), true),
  'runs.list': call(RunListQuerySchema, RunListPageSchema),
  'runs.get': call(z.object({ id: z.string().min(1) }), RunDetailSchema.nullable()),
} as const;
