/**
 * Reads the Pod v1 API reference page (the Kubernetes 1.20 edition, ../shared/reference/pod-v1.md):
 * each field of Pod, PodSpec and PodStatus with its description as the page writes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED = resolve(__dirname, '..', '..', '..', 'shared');
export const REFERENCE = resolve(SHARED, 'reference', 'pod-v1.md');

export interface ReferenceField {
  /** Section: Pod, PodSpec or PodStatus. */
  section: string;
  /** Dotted name as the page writes it: `tolerations.key`. */
  name: string;
  /** Kubernetes type as the page writes it, links removed: `[]Toleration`. */
  type: string;
  /** The description paragraphs, joined with blank lines. */
  description: string;
}

export function referenceAvailable(): boolean {
  return existsSync(REFERENCE);
}

export function referenceFields(): ReferenceField[] {
  const lines = readFileSync(REFERENCE, 'utf8').split('\n');
  const out: ReferenceField[] = [];
  let section = '';
  let current: ReferenceField | undefined;
  let paragraphs: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) paragraphs.push(para.join('\n'));
    para = [];
  };
  const finish = () => {
    flush();
    if (current) {
      current.description = paragraphs.join('\n\n');
      out.push(current);
    }
    current = undefined;
    paragraphs = [];
  };
  for (const line of lines) {
    const h = /^## (\w+)/.exec(line);
    if (h) {
      finish();
      section = h[1];
      continue;
    }
    if (!['Pod', 'PodSpec', 'PodStatus'].includes(section)) continue;
    if (/^### /.test(line) || /^<hr>/.test(line)) {
      finish();
      continue;
    }
    const field = /^\s*- \*\*([\w.]+)\*\* \((.*?)\)(, required)?\s*$/.exec(line);
    if (field) {
      finish();
      current = { section, name: field[1], type: field[2].replace(/<a [^>]*>([^<]*)<\/a>/g, '$1'), description: '' };
      continue;
    }
    if (!current) continue;
    const text = line.trim();
    // Lines the page adds around the description: patch strategy, list/map kind, type intros.
    if (/^\*.*\*$/.test(text) || /^<a name=/.test(text)) {
      flush();
      if (paragraphs.length) finish();
      continue;
    }
    if (text === '') flush();
    else para.push(text);
  }
  finish();
  return out;
}
