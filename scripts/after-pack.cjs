/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this hook with require(), and @electron/fuses is CommonJS */
// electron-builder afterPack hook: flip Electron's fuses on the packaged binary, before it is
// signed. Off: running as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS, --inspect
// arguments — each would let anyone who can start the app run arbitrary code with its
// access. On: cookie encryption, loading the app only from its asar, and asar integrity
// validation where the platform has it (macOS, Windows).
const { join } = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options, getCurrentFuseWire } = require('@electron/fuses');

/** The fuse settings for a platform (`darwin`, `mas`, `win32`, `linux`). */
function fuseConfig(platform, arch) {
  const integrity = platform === 'darwin' || platform === 'mas' || platform === 'win32';
  return {
    version: FuseVersion.V1,
    // arm64 macOS binaries must be ad-hoc re-signed after the bytes change.
    resetAdHocDarwinSignature: (platform === 'darwin' || platform === 'mas') && arch === 'arm64',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: integrity,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  };
}

/** Where the Electron binary (or, on macOS, the framework that holds the fuses) is in appOutDir. */
function electronBinary(context) {
  const platform = context.electronPlatformName;
  const name = context.packager.appInfo.productFilename;
  if (platform === 'darwin' || platform === 'mas') return join(context.appOutDir, `${name}.app`);
  if (platform === 'win32') return join(context.appOutDir, `${name}.exe`);
  return join(context.appOutDir, context.packager.executableName ?? name);
}

const ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

async function afterPack(context) {
  const binary = electronBinary(context);
  const arch = typeof context.arch === 'number' ? ARCH[context.arch] : context.arch;
  await flipFuses(binary, fuseConfig(context.electronPlatformName, arch));
  const wire = await getCurrentFuseWire(binary);
  console.log(`after-pack: fuses set on ${binary}: ${JSON.stringify(wire)}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
