export * from './semver';
export * from './tag-pattern';
export * from './config';
export * from './card';
export * from './checks';
