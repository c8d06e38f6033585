/**
 * The parity corpus: test/parity/cases/*.yaml, one Pod per `---` document, each saying what the
 * v1.20.2 API server answers in a comment line: `# expect: accept` or
 * `# expect: reject <field path> [<field path> ...]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitDocuments } from '../../server/src/yaml/split';

export const CASES_DIR = join(__dirname, 'cases');

export interface ParityCase {
  /** `file.yaml#n`: where the case is written. */
  id: string;
  name: string;
  text: string;
  expect: { verdict: 'accept' | 'reject'; paths: string[] };
}

export function parityCases(): ParityCase[] {
  const out: ParityCase[] = [];
  for (const file of readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const parts = splitDocuments(readFileSync(join(CASES_DIR, file), 'utf8'));
    parts.forEach((part, i) => {
      const m = /^# expect: (accept|reject)\b(.*)$/m.exec(part.text);
      if (!m) return;
      const name = /^ {2}name: *(\S+)/m.exec(part.text)?.[1] ?? `${file}-${i}`;
      out.push({
        id: `${file}#${i} (line ${part.line + 1})`,
        name,
        text: part.text,
        expect: { verdict: m[1] as 'accept' | 'reject', paths: m[2].trim().split(/\s+/).filter(Boolean) },
      });
    });
  }
  return out;
}
