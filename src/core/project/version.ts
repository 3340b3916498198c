/** `version` (SPEC §2.3): where the version being evaluated and released is read. */
import { z } from 'zod';
import { parseSemver } from '../releases/semver';
import { relPath } from './fields';

export const VersionSourceSchema = z.union(
  [
    z.object({ from: relPath }).strict(),
    z.object({ file: relPath }).strict(),
    z.object({ value: z.union([z.string(), z.number()]).transform(String).refine((v) => parseSemver(v) !== null, 'expected a semantic version X.Y.Z') }).strict(),
  ],
  { error: 'expected {from: package.json}, {file: VERSION} or {value: X.Y.Z}' },
);
export type VersionSource = z.output<typeof VersionSourceSchema>;

export const VersionShape = { version: VersionSourceSchema.optional() };
