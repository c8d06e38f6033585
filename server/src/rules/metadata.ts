/**
 * metadata: ValidateObjectMeta as ValidatePodCreate calls it (apimachinery
 * pkg/api/validation/objectmeta.go): name or generateName, namespace, labels, annotations.
 */
import { at, FieldError, invalid, required } from './errors';
import { FieldPath } from '../path/fieldPath';
import { validateAnnotations, validateLabels } from './labels';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import { obj, Rule, str } from './context';

export const metadataRules: Rule = (pod) => {
  const meta = obj(pod.metadata) ?? {};
  const path = FieldPath.root('metadata');
  const errs: FieldError[] = [];
  const name = str(meta.name);
  const generateName = str(meta.generateName);
  // ValidateObjectMeta: a name, or a generateName that the server completes.
  if (generateName) {
    // ValidatePodName(generateName, prefix=true): the prefix is checked with a trailing "-" cut.
    const prefix = generateName.endsWith('-') ? generateName.slice(0, -1) : generateName;
    for (const msg of isDNS1123Subdomain(prefix)) errs.push(invalid(path.child('generateName'), generateName, msg));
  }
  if (!name && !generateName) errs.push(required(path.child('name'), 'name or generateName is required'));
  // The server names a generateName-only Pod (prefix + 5 random characters) before it validates,
  // so a bad prefix is reported for the name too, shown on generateName.
  const effectiveName = name || (generateName ? `${generateName}x2f9q` : '');
  if (effectiveName) {
    for (const msg of isDNS1123Subdomain(effectiveName)) {
      const e = invalid(path.child('name'), effectiveName, msg);
      errs.push(name ? e : at(e, path.child('generateName')));
    }
  }
  const namespace = str(meta.namespace);
  if (namespace) for (const msg of isDNS1123Label(namespace)) errs.push(invalid(path.child('namespace'), namespace, msg));
  errs.push(...validateLabels(obj(meta.labels), path.child('labels')));
  errs.push(...validateAnnotations(obj(meta.annotations), path.child('annotations')));
  return errs;
};
