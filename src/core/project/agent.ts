/** `agent` (SPEC §2.3): what the cards call the agent or model; the project name when absent. */
import { z } from 'zod';

export const AgentShape = { agent: z.looseObject({ name: z.string().min(1).optional() }).optional() };
