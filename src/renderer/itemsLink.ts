/** Links into a run's Items tab with filters (`#/runs/<id>/items/category=spam&status=fail`), for the charts, the confusions and Compare. */
import { href } from './router';

export interface ItemsLink {
  status?: 'pass' | 'fail';
  category?: string;
  output?: string;
  flipped?: 'any' | 'to_fail' | 'to_pass';
  against?: string;
  search?: string;
}

export function itemsHref(runId: string, f: ItemsLink): string {
  const q = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const s = q.toString();
  return s ? href('runs', runId, 'items', s) : href('runs', runId, 'items');
}
