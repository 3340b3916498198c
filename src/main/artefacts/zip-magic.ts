/**
 * Telling a zip from its first bytes, apart from the zip reader: every artefact load asks,
 * and only a zip needs yauzl loaded.
 */

/** The first bytes of a zip file: a local file header, or the end record of an empty archive. */
const ZIP_MAGIC = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0x50, 0x4b, 0x05, 0x06])];

export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && ZIP_MAGIC.some((m) => head.subarray(0, 4).equals(m));
}
