/**
 * A Job's own rules: ValidateJob (pkg/apis/batch/validation) after what jobStrategy does first,
 * generateSelector (pkg/registry/batch/job/strategy.go): unless manualSelector is true the server
 * adds the Pod labels `job-name: <name>` and `controller-uid: <uid>` to the template (each unless
 * written; from 1.27 also `batch.kubernetes.io/job-name` and `batch.kubernetes.io/controller-uid`)
 * and the uid to the selector's matchLabels. Then validateGeneratedSelector, ValidateJobSpec (the
 * shared validateJobSpec, the selector, the selector against the template's labels) and the
 * Indexed Job's Pod hostnames.
 *
 * The uid is the server's, random, unknown here: it is printed `<uid>` and matches nothing
 * written, as the real one does. A generateName is completed as metadata.ts completes it.
 */
import { atLeast, goStr, obj, Obj, KindRule, RuleContext, str } from '../context';
import { at, FieldError, invalid, required } from '../errors';
import { FieldPath } from '../../path/fieldPath';
import { labelSelector } from '../labels';
import { nameAsValidated } from '../metadata';
import { isDNS1123Label, isValidLabelValue } from '../names';
import { goLabelSelector, goTemplateLabels, parseSelector, Selector, selectorMatches, selectorMatchesLabels, TEMPLATE_LABELS } from '../selector';
import { gated } from './gates';
import { completionsOf, validateJobSpec } from './jobSpec';

/** How the server's uid of the Job is shown. */
export const UID = '<uid>';

const SPEC = FieldPath.root('spec');
const METADATA = FieldPath.root('metadata');

/** The Job's name when it is validated, and where to show an error about it. */
function jobName(meta: Obj): { name: string; shown: FieldPath } {
  const generated = !goStr(meta.name) && goStr(meta.generateName) !== '';
  return { name: nameAsValidated(meta), shown: METADATA.child(generated ? 'generateName' : 'name') };
}

/** The labels generateSelector adds: [key, value] (the legacy pair, and the prefixed pair from 1.27). */
function generatedLabels(name: string, ctx: RuleContext): [string, string][] {
  const pairs: [string, string][] = [
    ['controller-uid', UID],
    ['job-name', name],
  ];
  if (atLeast(ctx, '1.27')) pairs.push(['batch.kubernetes.io/controller-uid', UID], ['batch.kubernetes.io/job-name', name]);
  return pairs;
}

interface Generated {
  labels: Obj;
  selector: Obj;
  /** LabelSelectorAsSelector of the generated selector (undefined: it does not parse). */
  parsed: Selector | undefined;
  /** The name labels the server wrote (not the user). */
  nameLabelsAdded: boolean;
}

/** generateSelector */
function generateSelector(userSelector: Obj | undefined, userLabels: Obj | undefined, name: string, ctx: RuleContext): Generated {
  const labels: Obj = { ...(userLabels ?? {}) };
  let nameLabelsAdded = false;
  for (const [key, value] of generatedLabels(name, ctx)) {
    if (Object.hasOwn(labels, key)) continue;
    labels[key] = value;
    if (value === name) nameLabelsAdded = true;
  }
  const key = atLeast(ctx, '1.27') ? 'batch.kubernetes.io/controller-uid' : 'controller-uid';
  const matchLabels: Obj = { ...(obj(userSelector?.matchLabels) ?? {}) };
  const added = !Object.hasOwn(matchLabels, key);
  const selector: Obj = { ...(userSelector ?? {}), matchLabels: added ? { ...matchLabels, [key]: UID } : matchLabels };
  // `<uid>` is not a label value: parse with a stand-in, then give the requirement the uid.
  let parsed = parseSelector(added ? { ...selector, matchLabels: { ...matchLabels, [key]: 'uid' } } : selector);
  if (added && Array.isArray(parsed)) parsed = parsed.map((r) => (r.key === key && r.op === 'Equals' ? { ...r, values: [UID] } : r));
  return { labels, selector, parsed, nameLabelsAdded };
}

/** validateGeneratedSelector: the generated labels as generated, and the selector selecting them. */
function validateGeneratedSelector(gen: Generated, name: string, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const pairs = generatedLabels(name, ctx);
  for (const [key, value] of pairs) {
    // ValidateHasLabel: the whole map is the Invalid value.
    if (goStr(gen.labels[key]) !== value) errs.push(invalid(TEMPLATE_LABELS.key(key), goTemplateLabels(gen.labels), `must be '${value}'`));
  }
  if (gen.parsed !== undefined && !selectorMatches(gen.parsed, Object.fromEntries(pairs)))
    errs.push(invalid(SPEC.child('selector'), goLabelSelector(gen.selector), '`selector` not auto-generated'));
  return errs;
}

/**
 * ValidatePodTemplateSpec's ValidateLabels over the labels the server added: the Job's name is a
 * label value, at most 63 characters. Named `spec.template.labels` as the server names it, shown
 * on the Job's name. (Two name labels from 1.27: the server says it twice; once here.)
 */
function generatedLabelValues(name: string, shown: FieldPath): FieldError[] {
  return isValidLabelValue(name).map((msg) => at(invalid(FieldPath.root('spec', 'template', 'labels'), name, msg), shown));
}

/**
 * The Indexed Job check of ValidateJob: the last Pod's hostname, `<name>-<completions - 1>`, must
 * be a DNS label. In 1.24's validation; not seen in an earlier one, so checked from 1.24 (unsure
 * whether 1.23 had it).
 */
function indexedHostnames(spec: Obj, name: string, shown: FieldPath, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.24') || str(gated(spec, 'completionMode', 'job', ctx)) !== 'Indexed') return [];
  const completions = completionsOf(spec, 'job');
  if (completions === undefined || completions <= 0) return [];
  const hostname = `${name}-${completions - 1}`;
  if (isDNS1123Label(hostname).length === 0) return [];
  return [at(invalid(METADATA.child('name'), name, `will not able to create pod with invalid DNS label: ${hostname}`), shown)];
}

/** ValidateJob (what ValidateObjectMeta and ValidatePodTemplateSpec leave: workloads.ts runs those). */
export const jobRules: KindRule = (job, ctx) => {
  const spec = obj(job.spec) ?? {};
  const { name, shown } = jobName(obj(job.metadata) ?? {});
  const userSelector = obj(spec.selector);
  const userLabels = obj(obj(obj(spec.template)?.metadata)?.labels);
  const errs: FieldError[] = [];
  let labels = userLabels;
  let parsed = parseSelector(userSelector);
  let templateErrors: FieldError[] = [];
  if (spec.manualSelector !== true) {
    const gen = generateSelector(userSelector, userLabels, name, ctx);
    errs.push(...validateGeneratedSelector(gen, name, ctx));
    labels = gen.labels;
    parsed = gen.parsed;
    if (gen.nameLabelsAdded) templateErrors = generatedLabelValues(name, shown);
  }
  errs.push(...validateJobSpec(spec, SPEC, 'job', ctx, templateErrors));
  // ValidateJobSpec: the selector (generated unless manual), then against the template's labels.
  if (spec.manualSelector === true && !userSelector) errs.push(required(SPEC.child('selector')));
  else errs.push(...labelSelector(userSelector, SPEC.child('selector'), atLeast(ctx, '1.26')));
  if (parsed !== undefined) errs.push(...selectorMatchesLabels(parsed, labels, false));
  errs.push(...indexedHostnames(spec, name, shown, ctx));
  return errs;
};

/**
 * A Job's own labels once the server has defaulted and prepared it, where they are not its own:
 * with none written, SetDefaults_Job makes them its template's labels, the very same Go map, so
 * the name labels generateSelector adds to the template land there too (a long name is then a bad
 * label of the Job's: `metadata.labels`). Undefined when the Job has labels of its own, or its
 * template none (then there is no map to share). The uid stands in as a valid value.
 */
export function defaultedJobLabels(object: Obj, ctx: RuleContext): Obj | undefined {
  const meta = obj(object.metadata) ?? {};
  const own = obj(meta.labels);
  const spec = obj(object.spec);
  const templateLabels = obj(obj(obj(spec?.template)?.metadata)?.labels);
  if ((own && Object.keys(own).length) || !templateLabels) return undefined;
  if (spec?.manualSelector === true) return templateLabels;
  const { labels } = generateSelector(undefined, templateLabels, jobName(meta).name, ctx);
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v === UID ? 'uid' : v]));
}
