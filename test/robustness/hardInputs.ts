/**
 * Inputs that break editors' YAML tooling, generated deterministically: each is a file an editor
 * could open. Shared by the hard-input tests and the fuzz test.
 */

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - containerPort: 80
`;

/** "Billion laughs": 10 levels of 10 aliases each, 10^10 nodes if expanded. */
export function aliasBomb(): string {
  let bomb = 'x-bomb:\n  l0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i <= 9; i++)
    bomb += `  l${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(',')}]\n`;
  return bomb + POD + '  hostAliases:\n    - ip: "10.0.0.1"\n      hostnames: *a9\n';
}

/** A file of at least `bytes` characters: many Pods in one file. */
export function hugeFile(bytes = 10 * 1024 * 1024): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = POD.replace('name: web\n', `name: web-${i}\n`);
    parts.push(p);
    size += p.length + 4;
  }
  return parts.join('---\n');
}

/** 10,000 `---` documents: Pods, other objects and empty documents. */
export function manyDocuments(n = 10_000): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) parts.push(POD.replace('name: web\n', `name: web-${i}\n`));
    else if (i % 3 === 1) parts.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);
    else parts.push('');
  }
  return parts.join('---\n');
}

/** A Pod with a 5,000-deep structure: flow sequences, flow maps and block sequences. */
export function deepNesting(depth = 5_000): { flowSeq: string; flowMap: string; blockSeq: string } {
  const at = (value: string) => POD.replace('  labels:\n    app: web\n', `  labels:\n    app: web\n  annotations:\n    deep: ${value}\n`);
  return {
    flowSeq: at('['.repeat(depth) + ']'.repeat(depth)),
    flowMap: at('{a: '.repeat(depth) + '1' + '}'.repeat(depth)),
    blockSeq: POD + '      args:\n' + '        ' + '- '.repeat(depth) + 'x\n',
  };
}

/** Bytes that are not text: every byte value, decoded as UTF-8 (invalid sequences become U+FFFD), and a few raw controls. */
export function binary(): string {
  const bytes = Buffer.alloc(64 * 1024);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  // A lone CR is a line break to the editor and not to the server; VS Code's text model turns it into the file's line ending.
  return POD + bytes.toString('utf8').replace(/\r(?!\n)/g, '\n') + '\u0000\u0001\u007f\ud800\udfff\ud83d';
}

export const crlf = (text = POD) => text.replace(/\n/g, '\r\n');
export const bom = (text = POD) => '\uFEFF' + text;

export const JSON_POD = JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'json-pod', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  },
  null,
  2,
);

/** A Pod with an extremely long line: a value of `length` characters, and a flow map of many entries on one line. */
export function longLines(length = 1_000_000): { longValue: string; longFlow: string } {
  const longValue = POD.replace('  labels:\n', `  annotations:\n    long: "${'x'.repeat(length)}"\n  labels:\n`);
  const entries: string[] = [];
  for (let i = 0, size = 0; size < length; i++) {
    entries.push(`k${i}: v${i}`);
    size += entries[i].length + 2;
  }
  const longFlow = POD.replace('  labels:\n    app: web\n', `  labels: {${entries.join(', ')}}\n`);
  return { longValue, longFlow };
}
