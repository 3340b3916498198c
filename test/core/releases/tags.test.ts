import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions, parseSemver, previousRelease, releaseTags, tagForVersion, versionOfTag } from '../../../src/core/releases';
import { freshnessCheck, versionCheck, watchedChanges } from '../../../src/core/releases/checks';
import { parseReleaseConfig } from '../../../src/core/project/releases';

describe('tag patterns', () => {
  it('{version} matches a semantic version with or without a leading v', () => {
    const p = ['agent-pkg-email-{version}'];
    expect(versionOfTag('agent-pkg-email-v0.5.0', p)?.version).toBe('0.5.0');
    expect(versionOfTag('agent-pkg-email-0.6.0', p)?.version).toBe('0.6.0');
    expect(versionOfTag('agent-pkg-email-0.6', p)).toBeNull();
    expect(versionOfTag('agent-pkg-other-0.6.0', p)).toBeNull();
    expect(versionOfTag('xagent-pkg-email-0.6.0', p)).toBeNull();
  });

  it('takes a list of patterns and writes new tags as the first one spells them', () => {
    const patterns = ['agent-email-v{version}', 'agent-pkg-email-{version}'];
    const { releases } = releaseTags(['agent-pkg-email-v0.5.0', 'agent-email-v0.7.0', 'agent-pkg-email-0.6.0', 'unrelated-1.0.0'], patterns);
    expect(releases.map((r) => r.tag)).toEqual(['agent-pkg-email-v0.5.0', 'agent-pkg-email-0.6.0', 'agent-email-v0.7.0']);
    expect(tagForVersion('0.8.0', patterns)).toBe('agent-email-v0.8.0');
  });

  it('orders by semantic version, not by text', () => {
    const { releases } = releaseTags(['v0.10.0', 'v0.9.0', 'v0.9.1', 'v1.0.0-rc.1', 'v1.0.0'], ['v{version}']);
    expect(releases.map((r) => r.version)).toEqual(['0.9.0', '0.9.1', '0.10.0', '1.0.0-rc.1', '1.0.0']);
  });

  it('the previous release is the highest below the candidate; none is a first release', () => {
    const rs = [{ version: '0.1.0' }, { version: '0.3.0' }, { version: '0.2.5' }];
    expect(previousRelease(rs, '0.3.0')?.version).toBe('0.2.5');
    expect(previousRelease(rs, '1.0.0')?.version).toBe('0.3.0');
    expect(previousRelease(rs, '0.1.0')).toBeNull();
    expect(previousRelease([], '0.1.0')).toBeNull();
  });

  it('a version tagged twice keeps the first pattern’s tag and names the other', () => {
    const { releases, duplicates } = releaseTags(['x-v1.0.0', 'x-1.0.0'], ['x-{version}']);
    expect(releases).toHaveLength(1);
    expect(duplicates.get('1.0.0')).toHaveLength(1);
  });

  it('semver ordering is a total order consistent with parse', () => {
    const v = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`);
    fc.assert(
      fc.property(v, v, (a, b) => {
        expect(Math.sign(compareVersions(a, b))).toBe(-Math.sign(compareVersions(b, a)));
        expect(parseSemver(`v${a}`)?.text).toBe(a);
      }),
    );
  });
});

describe('release checks', () => {
  it('version: the card must carry the version being released', () => {
    expect(versionCheck('0.3.0', '0.4.0')).toMatchObject({ ok: false, message: 'card version 0.3.0 ≠ release 0.4.0' });
    expect(versionCheck('0.4.0', 'v0.4.0').ok).toBe(true);
    expect(versionCheck(null, '0.4.0').ok).toBe(false);
  });

  it('freshness: a change under a watched path makes the card stale', () => {
    expect(watchedChanges(['src/agents/email/a.ts', 'src/agents/emailer/b.ts', 'README.md'], ['src/agents/email/', 'prompts'])).toEqual(['src/agents/email/a.ts']);
    expect(freshnessCheck('abc', ['prompts/x.txt'], ['prompts/']).ok).toBe(false);
    expect(freshnessCheck('abc', ['README.md'], ['prompts/']).ok).toBe(true);
    expect(freshnessCheck(null, null, ['prompts/']).ok).toBe(false);
  });
});

describe('release config', () => {
  it('reads the SPEC example and defaults the rest', () => {
    const r = parseReleaseConfig({
      project: 'email-triage',
      version: { from: 'package.json' },
      scorecard: ['hub/agents/email/npm/SCORECARD.md', 'hub/agents/npm/agent-email/SCORECARD.md'],
      releases: { tag_pattern: 'agent-pkg-email-v{version}', watch: ['src/agents/email/'] },
      publish: { git: { push: 'origin' }, hub: { url: 'http://127.0.0.1:8787', token_env: 'GREENLIGHT_HUB_TOKEN', id: 'email-triage' } },
    });
    expect(r.ok && r.value.releases.tag_pattern).toEqual(['agent-pkg-email-v{version}']);
    expect(r.ok && r.value.scorecard).toHaveLength(2);
    const d = parseReleaseConfig({});
    expect(d.ok && d.value.scorecard).toEqual(['SCORECARD.md']);
  });

  it('reports problems at their paths, list items by index', () => {
    const r = parseReleaseConfig({ releases: { tag_pattern: ['v{version}', 'no-placeholder'] }, scorecard: '../outside.md', publish: { hub: { url: 'ftp://x' } } });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['releases.tag_pattern[1]', 'scorecard', 'publish.hub.url']));
  });
});
