export * from './schema';
export { BUILTIN_POLICY, BUILTIN_POLICY_SOURCE } from './builtin';
export { parsePolicy, parsePolicyText, type PolicyFile } from './parse';
