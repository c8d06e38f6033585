import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJobRules, jobRules } from '../../server/src/rules/batch';
import { errorMessage, FieldError } from '../../server/src/rules/errors';
import type { Obj } from '../../server/src/rules/context';
import type { JsonValue } from '../../server/src/yaml/decode';

const container = { name: 'app', image: 'busybox' };
/** A Job named `name` whose spec is `spec` over a valid template (restartPolicy Never). */
const job = (spec: Obj = {}, metadata: Obj = { name: 'pi' }): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata,
  spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } }, ...spec },
});
const cronJob = (jobSpec: Obj = {}, spec: Obj = {}, metadata: Obj = { name: 'nightly' }): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata,
  spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } }, ...jobSpec } }, ...spec },
});
const messages = (errs: FieldError[]) => errs.map(errorMessage);
const checkJob = (o: Obj, version: string) => messages(jobRules(o, { version }));
const checkCron = (o: Obj, version: string) => messages(cronJobRules(o, { version }));
const withTemplate = (podSpec: Obj, metadata?: Obj) => ({ template: { ...(metadata ? { metadata } : {}), spec: { containers: [container], ...podSpec } } });

describe('Job rules (ValidateJob), as v1.20.2 answers', () => {
  it('accepts a plain Job at every version', () => {
    for (const v of ['1.20', '1.23', '1.27', '1.29', '1.35']) assert.deepEqual(checkJob(job({ completions: 3, parallelism: 2, backoffLimit: 0 }), v), [], v);
  });

  it('wants the template restartPolicy OnFailure or Never (a missing one is Always)', () => {
    assert.deepEqual(checkJob(job(withTemplate({ restartPolicy: 'Always' })), '1.20'), [
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    assert.deepEqual(checkJob(job(withTemplate({})), '1.20'), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    assert.deepEqual(checkJob(job(withTemplate({ restartPolicy: 'Sometimes' })), '1.20'), [
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]);
  });

  it('refuses negative counts; ttlSecondsAfterFinished only once TTLAfterFinished is on (dropped in 1.20)', () => {
    const spec = { parallelism: -1, completions: -2, activeDeadlineSeconds: -3, backoffLimit: -4, ttlSecondsAfterFinished: -5 };
    const want = [
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Invalid value: -2: must be greater than or equal to 0',
      'spec.activeDeadlineSeconds: Invalid value: -3: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -4: must be greater than or equal to 0',
    ];
    assert.deepEqual(checkJob(job(spec), '1.20'), want);
    assert.deepEqual(checkJob(job(spec), '1.23'), [...want, 'spec.ttlSecondsAfterFinished: Invalid value: -5: must be greater than or equal to 0']);
  });

  it('generates the selector: a written one must select the generated labels', () => {
    assert.deepEqual(
      checkJob(job({ selector: { matchLabels: { app: 'x' } }, ...withTemplate({ restartPolicy: 'Never' }, { labels: { app: 'x' } }) }), '1.20'),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "controller-uid":"<uid>"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      ],
    );
    assert.deepEqual(checkJob(job({ selector: { matchLabels: { 'job-name': 'pi' } } }), '1.20'), []);
    assert.deepEqual(checkJob(job({ selector: { matchExpressions: [{ key: 'job-name', operator: 'Exists' }] } }), '1.20'), []);
    assert.deepEqual(checkJob(job({ selector: { matchLabels: { 'controller-uid': 'abc' } } }), '1.20'), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"controller-uid":"abc"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      'spec.template.metadata.labels: Invalid value: map[string]string{"controller-uid":"<uid>", "job-name":"pi"}: `selector` does not match template `labels`',
    ]);
  });

  it('refuses template labels that conflict with the generated ones', () => {
    const labels = { 'job-name': 'other', 'controller-uid': 'abc' };
    const map = 'map[string]string{"controller-uid":"abc", "job-name":"other"}';
    assert.deepEqual(checkJob(job(withTemplate({ restartPolicy: 'Never' }, { labels })), '1.20'), [
      `spec.template.metadata.labels[controller-uid]: Invalid value: ${map}: must be '<uid>'`,
      `spec.template.metadata.labels[job-name]: Invalid value: ${map}: must be 'pi'`,
      `spec.template.metadata.labels: Invalid value: ${map}: \`selector\` does not match template \`labels\``,
    ]);
  });

  it('adds the batch.kubernetes.io/ labels from 1.27 and selects on the prefixed uid', () => {
    assert.deepEqual(checkJob(job({ selector: { matchLabels: { app: 'x' } } }), '1.27'), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"<uid>"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"<uid>", "batch.kubernetes.io/job-name":"pi", "controller-uid":"<uid>", "job-name":"pi"}: `selector` does not match template `labels`',
    ]);
    const got = checkJob(job(withTemplate({ restartPolicy: 'Never' }, { labels: { 'batch.kubernetes.io/job-name': 'x' } })), '1.27');
    assert.equal(got.length, 1);
    assert.match(got[0], /^spec\.template\.metadata\.labels\[batch\.kubernetes\.io\/job-name\]: Invalid value: map\[string\]string\{.*\}: must be 'pi'$/);
  });

  it('with manualSelector, wants a selector that matches the template labels', () => {
    assert.deepEqual(checkJob(job({ manualSelector: true }), '1.20'), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    ]);
    const spec = { manualSelector: true, selector: { matchLabels: { app: 'x' } } };
    assert.deepEqual(checkJob(job({ ...spec, ...withTemplate({ restartPolicy: 'Never' }, { labels: { app: 'y' } }) }), '1.20'), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(checkJob(job({ ...spec, ...withTemplate({ restartPolicy: 'Never' }, { labels: { app: 'x' } }) }), '1.20'), []);
  });

  it('checks the selector itself, and does not match one that does not parse', () => {
    const selector = { matchLabels: { 'bad key': 'x' }, matchExpressions: [{ key: 'a', operator: 'In', values: [] }] };
    assert.deepEqual(checkJob(job({ selector }), '1.20'), [
      "spec.selector.matchLabels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  it('refuses a name longer than a label value (the job-name label), shown on the name', () => {
    const name = 'a'.repeat(64);
    const errs = jobRules(job({}, { name }), { version: '1.20' });
    assert.deepEqual(messages(errs), [`spec.template.labels: Invalid value: "${name}": must be no more than 63 characters`]);
    assert.equal(String(errs[0].at), 'metadata.name');
    // Once from 1.27 too, though both name labels carry it; none when the label is written.
    assert.equal(checkJob(job({}, { name }), '1.27').length, 1);
    assert.deepEqual(
      checkJob(
        job({ manualSelector: true, selector: { matchLabels: { a: 'b' } }, ...withTemplate({ restartPolicy: 'Never' }, { labels: { a: 'b' } }) }, { name }),
        '1.20',
      ),
      [],
    );
  });

  it('completes a generateName as the server does before it checks', () => {
    assert.deepEqual(
      checkJob(job({ selector: { matchLabels: { x: 'y' } } }, { generateName: 'gen-' }), '1.20')[1],
      'spec.template.metadata.labels: Invalid value: map[string]string{"controller-uid":"<uid>", "job-name":"gen-x2f9q"}: `selector` does not match template `labels`',
    );
  });
});

describe('Job fields by version', () => {
  it('completionMode from 1.23 (not in 1.20): NonIndexed or Indexed, Indexed with completions', () => {
    assert.deepEqual(checkJob(job({ completionMode: 'Bogus' }), '1.20'), []);
    assert.deepEqual(checkJob(job({ completionMode: 'Bogus' }), '1.23'), [
      'spec.completionMode: Unsupported value: "Bogus": supported values: "NonIndexed", "Indexed"',
    ]);
    // SetDefaults_Job: neither completions nor parallelism makes both 1.
    assert.deepEqual(checkJob(job({ completionMode: 'Indexed' }), '1.23'), []);
    assert.deepEqual(checkJob(job({ completionMode: 'Indexed', parallelism: 100001 }), '1.23'), [
      'spec.completions: Required value: when completion mode is Indexed',
      'spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed',
    ]);
  });

  it("an Indexed Job's last hostname must be a DNS label (from 1.24)", () => {
    const o = job({ completionMode: 'Indexed', completions: 10 }, { name: 'a.b' });
    assert.deepEqual(checkJob(o, '1.23'), []);
    assert.deepEqual(checkJob(o, '1.24'), ['metadata.name: Invalid value: "a.b": will not able to create pod with invalid DNS label: a.b-9']);
  });

  it('podFailurePolicy from 1.26 in a Job', () => {
    const rules: JsonValue[] = [
      { action: '', onExitCodes: { operator: 'Is', values: [] } },
      { action: 'Explode', onExitCodes: { containerName: 'nope', operator: 'In', values: [0, 3, 3, 1] } },
      { action: 'Ignore', onPodConditions: [{ type: 'Bad Type' }, { type: 'DisruptionTarget', status: 'Maybe' }] },
      { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1] }, onPodConditions: [{ type: 'Ready' }] },
      { action: 'FailJob' },
    ];
    const o = job({ podFailurePolicy: { rules }, ...withTemplate({ restartPolicy: 'OnFailure' }) });
    assert.deepEqual(checkJob(o, '1.25'), []);
    const r = 'spec.podFailurePolicy.rules';
    assert.deepEqual(checkJob(o, '1.26'), [
      `${r}[0].action: Required value: valid values: ["Count" "FailJob" "Ignore"]`,
      `${r}[0].onExitCodes.operator: Unsupported value: "Is": supported values: "In", "NotIn"`,
      `${r}[0].onExitCodes.values: Invalid value: []int32{}: at least one value is required`,
      `${r}[1].action: Unsupported value: "Explode": supported values: "Count", "FailJob", "Ignore"`,
      `${r}[1].onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template`,
      `${r}[1].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator`,
      `${r}[1].onExitCodes.values[2]: Duplicate value: 3`,
      `${r}[1].onExitCodes.values: Invalid value: []int32{0, 3, 3, 1}: must be ordered`,
      `${r}[2].onPodConditions[0].type: Invalid value: "Bad Type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `${r}[2].onPodConditions[1].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"`,
      `${r}[3]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported`,
      `${r}[4]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required`,
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it('a missing condition status is True in a Job, Required in a job template', () => {
    const rules = [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }];
    assert.deepEqual(checkJob(job({ podFailurePolicy: { rules } }), '1.26'), []);
    assert.deepEqual(checkCron(cronJob({ podFailurePolicy: { rules } }), '1.26'), [
      'spec.jobTemplate.spec.podFailurePolicy.rules[0].onPodConditions[0].status: Required value: valid values: ["False" "True" "Unknown"]',
    ]);
  });

  it('FailIndex: unknown before 1.28, dropped from a 1.28 Job (the rules renumbered), needs backoffLimitPerIndex from 1.29', () => {
    const rules = [
      { action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } },
      { action: 'Bogus', onExitCodes: { operator: 'In', values: [2] } },
    ];
    const o = job({ podFailurePolicy: { rules } });
    assert.equal(
      checkJob(o, '1.27')[0],
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "FailIndex": supported values: "Count", "FailJob", "Ignore"',
    );
    const errs = jobRules(o, { version: '1.28' });
    assert.deepEqual(messages(errs), [
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Bogus": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
    ]);
    assert.equal(String(errs[0].at), 'spec.podFailurePolicy.rules[1].action');
    assert.deepEqual(checkJob(o, '1.29')[0], 'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set');
  });

  it('backoffLimitPerIndex and maxFailedIndexes from 1.29', () => {
    assert.deepEqual(checkJob(job({ backoffLimitPerIndex: 1 }), '1.28'), []);
    assert.deepEqual(checkJob(job({ backoffLimitPerIndex: -1, maxFailedIndexes: 2 }), '1.29'), [
      'spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0',
      'spec.backoffLimitPerIndex: Invalid value: -1: requires indexed completion mode',
      'spec.maxFailedIndexes: Invalid value: 2: requires indexed completion mode',
    ]);
    assert.deepEqual(checkJob(job({ completionMode: 'Indexed', completions: 4, maxFailedIndexes: 5 }), '1.29'), [
      'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified',
      'spec.maxFailedIndexes: Invalid value: 5: must be less than or equal to completions',
    ]);
    assert.deepEqual(checkJob(job({ completionMode: 'Indexed', completions: 200000, parallelism: 20000, backoffLimitPerIndex: 1 }), '1.29'), [
      'spec.maxFailedIndexes: Required value: must be specified when completions is above 100000',
      'spec.parallelism: Invalid value: 20000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
    ]);
  });

  it('podReplacementPolicy from 1.29: only Failed with a pod failure policy', () => {
    assert.deepEqual(checkJob(job({ podReplacementPolicy: 'Never' }), '1.28'), []);
    assert.deepEqual(checkJob(job({ podReplacementPolicy: 'Never' }), '1.29'), [
      'spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"',
    ]);
    const rules = [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }];
    assert.deepEqual(checkJob(job({ podReplacementPolicy: 'TerminatingOrFailed', podFailurePolicy: { rules } }), '1.29'), [
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
    ]);
  });

  it('successPolicy from 1.31: Indexed Jobs only, rules within completions', () => {
    const successPolicy = { rules: [{ succeededIndexes: '0-2', succeededCount: 1 }] };
    assert.deepEqual(checkJob(job({ successPolicy }), '1.30'), []);
    assert.deepEqual(checkJob(job({ successPolicy }), '1.31'), [
      'spec.successPolicy: Invalid value: batch.SuccessPolicy{Rules:[]batch.SuccessPolicyRule{batch.SuccessPolicyRule{SucceededIndexes:(*string)(0xc…), SucceededCount:(*int32)(0xc…)}}}: requires indexed completion mode',
    ]);
    const indexed = (policy: Obj) => job({ completionMode: 'Indexed', completions: 5, successPolicy: policy });
    assert.deepEqual(checkJob(indexed(successPolicy), '1.31'), []);
    assert.deepEqual(checkJob(indexed({ rules: [] }), '1.31'), [
      'spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified',
    ]);
    assert.deepEqual(checkJob(indexed({ rules: [{}, { succeededIndexes: '3,1' }, { succeededIndexes: '1-2-3' }, { succeededIndexes: 'x' }] }), '1.31'), [
      'spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified',
      'spec.successPolicy.rules[1].succeededIndexes: Invalid value: "3,1": error parsing succeededIndexes: non-increasing order, previous: 3, current: 1',
      `spec.successPolicy.rules[2].succeededIndexes: Invalid value: "1-2-3": error parsing succeededIndexes: the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by '-'`,
      'spec.successPolicy.rules[3].succeededIndexes: Invalid value: "x": error parsing succeededIndexes: cannot convert string to integer for index: "x"',
    ]);
    assert.deepEqual(checkJob(indexed({ rules: [{ succeededIndexes: '1,7', succeededCount: 6 }] }), '1.31'), [
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "1,7": error parsing succeededIndexes: too large index: "7"',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 0 (the number of indexes in the specified succeededIndexes field)',
    ]);
    assert.deepEqual(checkJob(indexed({ rules: [{ succeededIndexes: '0-1,3', succeededCount: 4 }] }), '1.31'), [
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of indexes in the specified succeededIndexes field)',
    ]);
  });

  it('managedBy from 1.32: a domain-prefixed path of at most 63 characters', () => {
    assert.deepEqual(checkJob(job({ managedBy: 'kueue' }), '1.31'), []);
    assert.deepEqual(checkJob(job({ managedBy: 'kueue.x-k8s.io/multikueue' }), '1.32'), []);
    assert.deepEqual(checkJob(job({ managedBy: 'kueue' }), '1.32'), [
      'spec.managedBy: Invalid value: "kueue": must be a domain-prefixed path (such as "acme.io/foo")',
    ]);
    assert.deepEqual(checkJob(job({ managedBy: `example.com/${'x'.repeat(60)}` }), '1.32'), ['spec.managedBy: Too long: may not be more than 63 bytes']);
    assert.deepEqual(checkJob(job({ managedBy: 'Example.com/a b' }), '1.35'), [
      `spec.managedBy: Invalid value: "Example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `spec.managedBy: Invalid value: "a b": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')`,
    ]);
  });
});

describe('CronJob rules (ValidateCronJob), as v1.20.2 answers', () => {
  it('accepts a plain CronJob at every version', () => {
    for (const v of ['1.20', '1.23', '1.29', '1.35']) assert.deepEqual(checkCron(cronJob(), v), [], v);
  });

  it('checks the CronJob spec and its job template in the server’s order', () => {
    const o = cronJob(
      { manualSelector: true, selector: { matchLabels: { a: 'b' } }, parallelism: -1, template: { spec: { containers: [container] } } },
      { schedule: '', startingDeadlineSeconds: -1, concurrencyPolicy: 'Sometimes', successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: -2 },
    );
    assert.deepEqual(checkCron(o, '1.20'), [
      'spec.schedule: Required value',
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      'spec.jobTemplate.spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"',
      'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.failedJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });

  it('an empty concurrencyPolicy is defaulted to Allow', () => {
    assert.deepEqual(checkCron(cronJob({}, { concurrencyPolicy: '' }), '1.20'), []);
  });

  it('checks a job template’s gated fields from their alpha (not dropped as a Job’s are)', () => {
    assert.deepEqual(checkCron(cronJob({ ttlSecondsAfterFinished: -5 }), '1.20'), [
      'spec.jobTemplate.spec.ttlSecondsAfterFinished: Invalid value: -5: must be greater than or equal to 0',
    ]);
    assert.deepEqual(checkCron(cronJob({ managedBy: `example.com/${'x'.repeat(60)}` }), '1.30'), [
      'spec.jobTemplate.spec.managedBy: Too long: may not be longer than 63',
    ]);
    assert.deepEqual(checkCron(cronJob({ completionMode: 'Indexed' }), '1.23'), [
      'spec.jobTemplate.spec.completions: Required value: when completion mode is Indexed',
    ]);
  });

  it('limits the name to 52 characters (a generateName completed first)', () => {
    const name = 'a'.repeat(53);
    assert.deepEqual(checkCron(cronJob({}, {}, { name }), '1.20'), [`metadata.name: Invalid value: "${name}": must be no more than 52 characters`]);
    const errs = cronJobRules(cronJob({}, {}, { generateName: 'a'.repeat(48) }), { version: '1.20' });
    assert.deepEqual(messages(errs), [`metadata.name: Invalid value: "${'a'.repeat(48)}x2f9q": must be no more than 52 characters`]);
    assert.equal(String(errs[0].at), 'metadata.generateName');
  });
});
