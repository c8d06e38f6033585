/**
 * Writes each parity case's `# expect:` line from what the real v1.20.2 API server answers: every
 * document is POSTed with `?dryRun=All` to its kind's collection, and its line becomes
 * `# expect: accept` or `# expect: reject <the causes' field paths>`.
 *
 *   npx tsx test/parity/workloads/annotate.ts [--check] [file.yaml ...]
 *
 * Without files: test/parity/cases/workloads-*.yaml. `--check` only lists the notes that differ
 * from the server's answer (exit 1 if any). A document whose note is `# expect: ?` is annotated
 * too (handy for a case written by hand). Needs the local cluster (test/cluster/README.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Cluster, useCluster } from '../../cluster/helper';
import { splitDocuments } from '../../../server/src/yaml/split';
import { CASES_DIR } from '../cases';
import { collectionPath, serverVerdict, Verdict } from '../server';

const EXPECT = /^# expect:.*$/m;

export function expectLine(v: Verdict): string {
  return v.verdict === 'accept' ? '# expect: accept' : `# expect: reject ${v.paths.join(' ')}`.trimEnd();
}

export function kindOf(text: string): { apiVersion: string; kind: string } {
  return {
    apiVersion: /^apiVersion:[ \t]*["']?([^"'\s#]+)/m.exec(text)?.[1] ?? 'v1',
    kind: /^kind:[ \t]*["']?([^"'\s#]+)/m.exec(text)?.[1] ?? 'Pod',
  };
}

/** The server's verdict on one document. */
export function askServer(cluster: Cluster, where: string, text: string): Promise<Verdict> {
  const { apiVersion, kind } = kindOf(text);
  return serverVerdict(cluster, where, collectionPath(apiVersion, kind), text);
}

/** The file's text with each document's `# expect:` line set to the server's answer; and the lines that changed. */
export async function annotateFile(cluster: Cluster, file: string, text: string): Promise<{ text: string; changed: string[] }> {
  const parts = splitDocuments(text);
  const changed: string[] = [];
  let out = text.slice(0, parts[0]?.offset ?? 0);
  for (const [i, part] of parts.entries()) {
    const old = EXPECT.exec(part.text)?.[0];
    if (old === undefined) {
      out += part.text;
      continue;
    }
    const line = expectLine(await askServer(cluster, `${file}#${i} (line ${part.line + 1})`, part.text));
    if (line !== old) changed.push(`${file}#${i} (line ${part.line + 1}): ${old} -> ${line}`);
    out += part.text.replace(EXPECT, line);
  }
  return { text: out, changed };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  let files = args.filter((a) => a !== '--check');
  if (!files.length)
    files = readdirSync(CASES_DIR)
      .filter((f) => /^workloads-.*\.yaml$/.test(f))
      .sort()
      .map((f) => join(CASES_DIR, f));
  const cluster = await useCluster();
  let differ = 0;
  try {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const res = await annotateFile(cluster, basename(file), text);
      differ += res.changed.length;
      for (const c of res.changed) console.log(c);
      if (!check && res.text !== text) writeFileSync(file, res.text);
    }
  } finally {
    cluster.release();
  }
  console.log(`${files.length} files; ${differ} notes ${check ? 'differ from' : 'rewritten to'} the server's answers`);
  if (check && differ) process.exitCode = 1;
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
