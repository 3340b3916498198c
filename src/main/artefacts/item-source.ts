/**
 * An item's full text, read back from its artefact on demand (the store keeps excerpts):
 * the artefact where the run read it, else the run's copy of it; refused when the file has
 * changed since the run (its sha256 differs). For Inspect samples, also the message
 * transcript.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { ArtefactKind } from '../../core/artefact';
import type { Item } from '../../core/items';
import { contentText, sampleItem } from '../../core/adapters/inspect-sample';
import { parseJsonTolerant } from '../../core/json';
import { isRecord } from '../../core/util';
import { loadArtefact } from '.';
import { looksLikeZip, openZip } from './zip';

export interface ItemSource {
  full: Pick<Item, 'input' | 'target' | 'output' | 'explanation' | 'error'> | null;
  transcript: Array<{ role: string; text: string }>;
  note: string | null;
}

type Texts = NonNullable<ItemSource['full']>;
const texts = (it: Item): Texts => ({
  ...(it.input !== undefined ? { input: it.input } : {}),
  ...(it.target !== undefined ? { target: it.target } : {}),
  ...(it.output !== undefined ? { output: it.output } : {}),
  ...(it.explanation !== undefined ? { explanation: it.explanation } : {}),
  ...(it.error !== undefined ? { error: it.error } : {}),
});

function sha256Of(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (c) => h.update(c)).on('error', rej).on('end', () => res(h.digest('hex')));
  });
}

function transcriptOf(sample: Record<string, unknown>): ItemSource['transcript'] {
  if (!Array.isArray(sample.messages)) return [];
  return sample.messages.flatMap((m) => {
    if (!isRecord(m)) return [];
    const text = contentText(m.content) ?? (Array.isArray(m.tool_calls) ? JSON.stringify(m.tool_calls) : undefined);
    return text === undefined ? [] : [{ role: typeof m.role === 'string' ? m.role : 'message', text }];
  });
}

async function inspectSample(path: string, pointer: string): Promise<Record<string, unknown> | null> {
  const head = Buffer.alloc(4);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (looksLikeZip(head)) {
    const zip = await openZip(path);
    try {
      const p = parseJsonTolerant((await zip.read(pointer)).toString('utf8'), pointer);
      return p.ok && isRecord(p.value) ? p.value : null;
    } finally {
      zip.close();
    }
  }
  const p = parseJsonTolerant(await readFile(path, 'utf8'), path);
  const i = /^samples\.(\d+)$/.exec(pointer)?.[1];
  if (!p.ok || !isRecord(p.value) || !Array.isArray(p.value.samples) || i === undefined) return null;
  const s = p.value.samples[Number(i)];
  return isRecord(s) ? s : null;
}

export async function readItemSource(o: { paths: string[]; kind: string; pointer: string | null; sha256: string | null; id: string }): Promise<ItemSource> {
  const path = o.paths.find((p) => existsSync(p));
  if (!path) return { full: null, transcript: [], note: `the artefact is no longer at ${o.paths.join(' or ')}: only the excerpts kept in the store are shown` };
  if (o.pointer === null) return { full: null, transcript: [], note: 'the artefact does not say where this item is' };
  try {
    if (o.sha256 !== null && o.kind !== 'lm-eval' && (await sha256Of(path)) !== o.sha256) {
      return { full: null, transcript: [], note: `${path} has changed since the run (sha256 differs): only the excerpts kept in the store are shown` };
    }
    if (o.kind === 'inspect-log') {
      const s = await inspectSample(path, o.pointer);
      const it = s ? sampleItem(s, o.pointer) : null;
      if (!s || !it) return { full: null, transcript: [], note: `sample ${o.pointer} not found in ${path}` };
      return { full: texts(it.item), transcript: transcriptOf(s), note: null };
    }
    const r = await loadArtefact(path, o.kind as ArtefactKind);
    if (!r.ok) return { full: null, transcript: [], note: `${path} no longer loads: ${r.problems[0]?.message ?? ''}` };
    const it = r.value.items?.find((x) => x.pointer === o.pointer && x.id === o.id);
    return it ? { full: texts(it), transcript: [], note: null } : { full: null, transcript: [], note: `item ${o.id} not found in ${path}` };
  } catch (err) {
    return { full: null, transcript: [], note: `${path} cannot be read (${err instanceof Error ? err.message : String(err)})` };
  }
}
