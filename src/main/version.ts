/** Injected at build time from package.json (electron.vite.config.ts `define`). */
declare const __GREENLIGHT_VERSION__: string | undefined;
export const APP_VERSION: string =
  typeof __GREENLIGHT_VERSION__ === 'string' ? __GREENLIGHT_VERSION__ : '0.0.0-dev';
