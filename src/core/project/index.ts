/** The project file, `greenlight.yaml`: its sections, the whole schema, the built-in gate policy. */
export * from './schema';
export * from './gates';
export * from './aggregate';
export * from './evals';
export * from './releases';
export * from './version';
export * from './publish';
export { BUILTIN_POLICY, BUILTIN_POLICY_SOURCE } from './builtin-policy';
export { parsePolicy, parsePolicyText, type PolicyFile } from './policy';
