/**
 * How a gate's status reads to a person. SPEC §2.4: an underpowered gate (its interval wider
 * than the tolerance, so it cannot see a drop that small) is never reported as a plain pass;
 * every face (CLI table, scorecard, console) says "pass (underpowered)".
 */
export interface GateLike {
  status: string;
  note?: string | null;
  evidence?: Record<string, unknown> | null;
}

export function isUnderpowered(g: GateLike): boolean {
  return g.evidence?.underpowered === true || /\bunderpowered\b/.test(g.note ?? '');
}

export function gateStatusLabel(g: GateLike): string {
  return g.status === 'pass' && isUnderpowered(g) ? 'pass (underpowered)' : g.status;
}
