export * from './semver';
export * from './tag-pattern';
export * from './card';
export * from './checks';
