// Upstream's own Pod Security fixtures (k8s.io/pod-security-admission test/testdata, written by its
// TestFixtures; test/fixtures/pod-security, see PROVENANCE.md) against our port of the checks: every
// `pass` Pod passes its level at its version, every `fail` Pod is refused by the check it was made
// for (or, at restricted, by the restricted check that overrides it), with the words upstream's
// test/run.go looks for in the server's message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CHECKS, checksAt, evaluatePod, forbiddenDetail } from '../../server/src/podSecurity/registry';

interface Fixtures {
  source: { repo: string; commit: string; path: string };
  docs: Record<string, string>;
  cases: [level: 'baseline' | 'restricted', minor: number, outcome: 'pass' | 'fail', file: string, doc: string][];
}

const fixtures: Fixtures = JSON.parse(readFileSync(join(__dirname, '../fixtures/pod-security/upstream.json'), 'utf8'));

/** [pass, fail] files per level and version at the commit in upstream.json: a lost or added fixture shows here. */
const COUNTS: Record<'baseline' | 'restricted', Record<number, [number, number]>> = {
  baseline: {
    23: [11, 29],
    24: [11, 29],
    25: [11, 29],
    26: [11, 29],
    27: [11, 29],
    28: [11, 29],
    29: [11, 29],
    30: [11, 29],
    31: [11, 29],
    32: [11, 29],
    33: [11, 29],
    34: [14, 34],
    35: [15, 34],
  },
  restricted: {
    23: [17, 69],
    24: [17, 69],
    25: [17, 69],
    26: [17, 69],
    27: [17, 69],
    28: [17, 69],
    29: [19, 69],
    30: [19, 69],
    31: [19, 69],
    32: [19, 69],
    33: [19, 69],
    34: [22, 74],
    35: [23, 76],
  },
};

/** The generators' expectErrorSubstring (test/fixtures_*.go); the check ID where they set none. */
const EXPECTED_WORDS: Record<string, string> = {
  appArmorProfile: 'forbidden AppArmor profile',
  capabilities_baseline: 'capabilities',
  capabilities_restricted: 'unrestricted capabilities',
  hostNamespaces: 'host namespaces',
  hostPathVolumes: 'hostPath',
  hostPorts: 'hostPort',
  hostProbesAndHostLifecycle: 'probe or lifecycle host',
  procMount: 'procMount',
  procMount_restricted: 'procMount',
  restrictedVolumes: 'restricted volume types',
  seLinuxOptions: 'seLinuxOptions',
  seccompProfile_baseline: 'seccompProfile',
  seccompProfile_restricted: 'seccompProfile',
  sysctls: 'forbidden sysctl',
  windowsHostProcess: 'hostProcess',
};

/**
 * The check a fixture was made for: its file name is the check ID lowercased and a number. At
 * restricted, upstream generates the fixtures of every baseline check in force too
 * (checksForLevelAndVersion), overridden or not.
 */
function checkOf(minor: number, file: string): string | undefined {
  const prefix = file.replace(/\d+\.yaml$/, '');
  const ids = [...checksAt('baseline', minor), ...checksAt('restricted', minor)].map((c) => c.id);
  return ids.find((id) => id.toLowerCase() === prefix);
}

/** The checks that may refuse a fixture of `id`: itself, or at restricted the restricted checks whose revision in force overrides it. */
const refusers = (level: 'baseline' | 'restricted', minor: number, id: string) => [
  id,
  ...(level === 'restricted' ? checksAt('restricted', minor).filter((c) => c.revision.overrides?.includes(id)) : []).map((c) => c.id),
];

const levels = ['baseline', 'restricted'] as const;
const minors = [...new Set(fixtures.cases.map((c) => c[1]))].sort((a, b) => a - b);

describe(`upstream Pod Security fixtures (${fixtures.source.repo}@${fixtures.source.commit.slice(0, 12)})`, () => {
  it('cover 1.23 to 1.35, and name only checks we have', () => {
    assert.deepEqual(minors, Object.keys(COUNTS.baseline).map(Number));
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const id of Object.keys(EXPECTED_WORDS)) assert.ok(ids.has(id), id);
  });

  for (const level of levels) {
    for (const minor of minors) {
      it(`${level} v1.${minor}`, () => {
        const cases = fixtures.cases.filter((c) => c[0] === level && c[1] === minor);
        const counts = [cases.filter((c) => c[2] === 'pass').length, cases.filter((c) => c[2] === 'fail').length];
        assert.deepEqual(counts, COUNTS[level][minor], `${level} v1.${minor}: [pass, fail] fixtures`);

        const wrong: string[] = [];
        for (const [, , outcome, file, doc] of cases) {
          const pod = parse(fixtures.docs[doc]);
          const outcomes = evaluatePod(level, minor, { metadata: pod.metadata ?? {}, spec: pod.spec ?? {} });
          const found = outcomes.length === 0 ? 'nothing' : forbiddenDetail(outcomes);
          const where = `${outcome}/${file}`;
          if (outcome === 'pass') {
            if (outcomes.length > 0) wrong.push(`${where}: expected to pass, refused by ${outcomes.map((o) => o.id).join(', ')}: ${found}`);
            continue;
          }
          const id = checkOf(minor, file);
          if (!id) {
            wrong.push(`${where}: no check in force at v1.${minor} is named so`);
            continue;
          }
          const by = refusers(level, minor, id);
          const words = EXPECTED_WORDS[id] ?? id;
          if (!outcomes.some((o) => by.includes(o.id))) wrong.push(`${where}: expected a failure of ${by.join(' or ')}, found ${found}`);
          else if (!found.includes(words)) wrong.push(`${where}: expected ${JSON.stringify(words)} in the message, found ${found}`);
        }
        assert.deepEqual(wrong, [], `${level} v1.${minor}: ${wrong.length} of ${cases.length} fixtures disagree:\n${wrong.join('\n')}`);
      });
    }
  }
});
