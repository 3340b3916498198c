/**
 * One Inspect AI sample as an item: the same for a JSON log's `samples[]` and an .eval zip's
 * `samples/<id>_epoch_<n>.json`. Inspect's shapes: `input` a string or chat messages,
 * `target` a string or a list, `output.completion` (or the first choice's message),
 * `scores` per scorer `{value, answer, explanation}`, `error.message`, `metadata`.
 */
import { isRecord } from '../util';
import { itemText, type Item } from '../items';

export interface SampleOutcome {
  item: Item;
  /** Each scorer's value as a number (C → 1, I → 0, P → 0.5), for that scorer's metric. */
  scores: Record<string, number>;
}

/** A score value as a number: Inspect's CORRECT/INCORRECT/PARTIAL/NOANSWER letters, booleans, numbers. */
export function scoreValue(v: unknown): number | undefined {
  if (v === 'C' || v === true) return 1;
  if (v === 'I' || v === false || v === 'N') return 0;
  if (v === 'P') return 0.5;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

/** Message content as text: a string, or the text parts of a content list. */
export function contentText(c: unknown): string | undefined {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) {
    const parts = c.flatMap((p) => (isRecord(p) && typeof p.text === 'string' ? [p.text] : []));
    return parts.length ? parts.join('\n') : undefined;
  }
  return undefined;
}

function inputText(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) {
    const lines = input.flatMap((m) => {
      if (!isRecord(m)) return [];
      const t = contentText(m.content);
      return t === undefined ? [] : [input.length > 1 ? `${String(m.role ?? 'message')}: ${t}` : t];
    });
    return lines.length ? lines.join('\n\n') : undefined;
  }
  return itemText(input);
}

function outputText(output: unknown): string | undefined {
  if (!isRecord(output)) return undefined;
  if (typeof output.completion === 'string' && output.completion !== '') return output.completion;
  const first = Array.isArray(output.choices) ? output.choices[0] : undefined;
  if (isRecord(first) && isRecord(first.message)) return contentText(first.message.content);
  return typeof output.completion === 'string' ? output.completion : undefined;
}

export function sampleItem(s: Record<string, unknown>, pointer: string): SampleOutcome | null {
  const rawId = s.id;
  if (typeof rawId !== 'string' && typeof rawId !== 'number') return null;
  const it: Item = { id: String(rawId), pointer };
  if (typeof s.epoch === 'number' && Number.isSafeInteger(s.epoch) && s.epoch >= 1) it.epoch = s.epoch;
  const input = inputText(s.input);
  if (input !== undefined) it.input = input;
  const target = Array.isArray(s.target) ? s.target.map(String).join(' | ') : itemText(s.target);
  if (target !== undefined) it.target = target;
  const output = outputText(s.output);
  if (output !== undefined) it.output = output;
  const scores: Record<string, number> = {};
  let first: Record<string, unknown> | undefined;
  if (isRecord(s.scores)) {
    for (const [name, sc] of Object.entries(s.scores)) {
      if (!isRecord(sc)) continue;
      first ??= sc;
      const v = scoreValue(sc.value);
      if (v !== undefined) scores[name] = v;
      if (first === sc) {
        it.metric = name;
        if (v !== undefined) it.score = v;
        if (sc.value === 'C' || sc.value === 'I' || typeof sc.value === 'boolean' || sc.value === 'N') it.passed = v === 1;
        const why = itemText(sc.explanation);
        if (why !== undefined) it.explanation = why;
      }
    }
  }
  const err = isRecord(s.error) ? itemText(s.error.message) : itemText(s.error);
  if (err !== undefined) it.error = err;
  const fields: Record<string, unknown> = {};
  if (isRecord(s.metadata)) {
    for (const [k, v] of Object.entries(s.metadata)) fields[k] = v;
    const cat = s.metadata.category ?? s.metadata.subject;
    if (typeof cat === 'string') it.category = cat;
  }
  if (first && first.answer !== undefined && first.answer !== null) fields.answer = first.answer;
  if (Object.keys(scores).length > 1) fields.scores = scores;
  if (Object.keys(fields).length) it.fields = fields;
  return { item: it, scores };
}
