import { describe, expect, it } from 'vitest';
import { gateStatusLabel } from '../../../src/core/gates/display';

describe('an underpowered gate is never a plain pass (SPEC §2.4)', () => {
  it('labels it on every face from its evidence or its note', () => {
    expect(gateStatusLabel({ status: 'pass', note: '', evidence: { underpowered: true } })).toBe('pass (underpowered)');
    expect(gateStatusLabel({ status: 'pass', note: 'drop 0.06 [−0.1, 0.2]; underpowered: smallest detectable drop 0.22' })).toBe('pass (underpowered)');
    expect(gateStatusLabel({ status: 'pass', note: '' })).toBe('pass');
    expect(gateStatusLabel({ status: 'fail', note: 'underpowered' })).toBe('fail');
  });
});
