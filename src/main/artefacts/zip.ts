/**
 * Reading zip archives entry by entry (yauzl): an Inspect `.eval` log is a zip of JSON files,
 * some of them large, so entries are read one at a time and never all held at once.
 */
import yauzl from 'yauzl';

export { looksLikeZip } from './zip-magic';

export interface ZipReader {
  names: string[];
  read(name: string, maxBytes?: number): Promise<Buffer>;
  close(): void;
}

/** Open a zip and list its entries; `read` streams one entry into memory (bounded). */
export function openZip(path: string): Promise<ZipReader> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open'));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (e: yauzl.Entry) => {
        if (!e.fileName.endsWith('/')) entries.set(e.fileName, e);
        zip.readEntry();
      });
      zip.on('error', reject);
      zip.on('end', () =>
        resolve({
          names: [...entries.keys()],
          read: (name, maxBytes = 256 << 20) =>
            new Promise((res, rej) => {
              const e = entries.get(name);
              if (!e) return rej(new Error(`no entry ${name}`));
              if (e.uncompressedSize > maxBytes) return rej(new Error(`${name} is ${e.uncompressedSize} bytes, over the ${maxBytes}-byte limit`));
              zip.openReadStream(e, (err2, stream) => {
                if (err2 || !stream) return rej(err2 ?? new Error('cannot read'));
                const chunks: Buffer[] = [];
                stream.on('data', (c: Buffer) => chunks.push(c));
                stream.on('error', rej);
                stream.on('end', () => res(Buffer.concat(chunks)));
              });
            }),
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
}
