/** `project` (SPEC §2.3): the project's name; the folder's name when absent. */
import { z } from 'zod';

export const ProjectShape = { project: z.string().min(1).optional() };
