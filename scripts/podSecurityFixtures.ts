/**
 * Regenerates test/fixtures/pod-security/upstream.json, the Pod Security Admission fixtures of
 * k8s.io/pod-security-admission (test/testdata/<level>/v1.<minor>/{pass,fail}/*.yaml, written by
 * upstream's TestFixtures), for test/core/podSecurityUpstream.test.ts. Reads a local clone (bare
 * or not) of github.com/kubernetes/pod-security-admission through git; CI has none and uses the
 * committed JSON.
 *
 *   npx tsx scripts/podSecurityFixtures.ts [REPO_DIR] [COMMIT]
 *
 * Each distinct file text is stored once, under its git blob ID (shortened): most fixtures are
 * the same from one version to the next.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';

const REPO = resolve(process.argv[2] ?? '/work/.mirror/kubernetes+pod-security-admission/repo');
const REV = process.argv[3] ?? 'HEAD';
const LEVELS = ['baseline', 'restricted'] as const;
const FIRST_MINOR = 23;
const LAST_MINOR = 35;
const TESTDATA = 'test/testdata';
const ID_LENGTH = 12;
const out = join(resolve(__dirname, '..'), 'test/fixtures/pod-security/upstream.json');

const git = (args: string[], input?: Buffer) => execFileSync('git', ['-C', REPO, ...args], { input, maxBuffer: 256 * 1024 * 1024 });

type Case = [level: string, minor: number, outcome: 'pass' | 'fail', file: string, doc: string];

async function main() {
  const commit = git(['rev-parse', '--verify', `${REV}^{commit}`])
    .toString()
    .trim();
  const cases: Case[] = [];
  const blobs = new Map<string, string>(); // blob ID -> doc ID
  for (const level of LEVELS) {
    // `<mode> blob <id>\t<path>`, for every file under the level.
    const listing = git(['ls-tree', '-r', commit, '--', `${TESTDATA}/${level}/`]).toString();
    for (const line of listing.split('\n').filter(Boolean)) {
      const [meta, path] = line.split('\t');
      const blob = meta.split(' ')[2];
      const m = /\/v1\.(\d+)\/(pass|fail)\/([^/]+\.yaml)$/.exec(path);
      if (!m) throw new Error(`unexpected fixture path ${path}`);
      const minor = Number(m[1]);
      if (minor < FIRST_MINOR || minor > LAST_MINOR) continue;
      const id = blob.slice(0, ID_LENGTH);
      if (blobs.has(blob) === false && [...blobs.values()].includes(id)) throw new Error(`blob ID prefix ${id} is ambiguous`);
      blobs.set(blob, id);
      cases.push([level, minor, m[2] as 'pass' | 'fail', m[3], id]);
    }
  }
  const order = (a: Case, b: Case) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2].localeCompare(b[2]) || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0);
  cases.sort(order);

  // One `git cat-file --batch` for every distinct text: `<id> blob <size>\n<bytes>\n` each.
  const ids = [...blobs.keys()].sort();
  const batch = git(['cat-file', '--batch'], Buffer.from(ids.map((b) => `${b}\n`).join('')));
  const docs: Record<string, string> = {};
  let at = 0;
  for (const blob of ids) {
    const eol = batch.indexOf(0x0a, at);
    const [got, type, size] = batch.subarray(at, eol).toString().split(' ');
    if (got !== blob || type !== 'blob') throw new Error(`git cat-file: expected blob ${blob}, got ${got} ${type}`);
    const start = eol + 1;
    docs[blobs.get(blob)!] = batch.subarray(start, start + Number(size)).toString('utf8');
    at = start + Number(size) + 1;
  }
  const sortedDocs = Object.fromEntries(Object.entries(docs).sort(([a], [b]) => (a < b ? -1 : 1)));

  const data = { source: { repo: 'kubernetes/pod-security-admission', commit, path: TESTDATA }, docs: sortedDocs, cases };
  // Formatted as `prettier --check .` wants it: one case a line.
  const text = await format(JSON.stringify(data), { ...(await resolveConfig(out)), filepath: out });
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, text);
  console.log(`${out}: ${cases.length} cases, ${ids.length} distinct files, ${commit}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
