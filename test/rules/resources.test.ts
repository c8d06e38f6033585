/**
 * Compute resources (rules/resources.ts): the resource names of pkg/apis/core/helper/helpers.go,
 * and the Pod's overhead checked as a container's limits (validateOverhead), where two copies of
 * the checks used to disagree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checker } from '../helpers/check';

/** A Pod whose spec (after one container, lines 7-9) is `spec`, indented by two spaces. */
const pod = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx\n${spec.replace(/^(?=.)/gm, '  ')}`;
const check = checker({ pod, version: '1.20' });

const QUANTITY_500M =
  'resource.Quantity{i:resource.int64Amount{value:500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"500m", Format:"DecimalSI"}';

describe('standard resource names (helper.standardResources, helper.integerResources)', () => {
  // core.ResourceQuotas is "resourcequotas": the v1.20.2 server says the same of a container's
  // limits (parity cases ctr-resources-quota-not-standard, ctr-resources-resourcequotas-integer).
  it('"quota" is not a standard resource type; "resourcequotas" is, and an integer one', () => {
    assert.deepEqual(check('  resources:\n    limits: {quota: "1", resourcequotas: 500m}'), [
      '10:16-10:21 invalid-value spec.containers[0].resources.limits[quota]: Invalid value: "quota": must be a standard resource type or fully qualified',
      '10:16-10:21 invalid-value spec.containers[0].resources.limits[quota]: Invalid value: "quota": must be a standard resource for containers',
      '10:16-10:21 invalid-value spec.containers[0].resources.requests[quota]: Invalid value: "quota": must be a standard resource type or fully qualified',
      '10:16-10:21 invalid-value spec.containers[0].resources.requests[quota]: Invalid value: "quota": must be a standard resource for containers',
      '10:28-10:42 invalid-value spec.containers[0].resources.limits[resourcequotas]: Invalid value: "resourcequotas": must be a standard resource for containers',
      '10:28-10:42 invalid-value spec.containers[0].resources.requests[resourcequotas]: Invalid value: "resourcequotas": must be a standard resource for containers',
      `10:44-10:48 invalid-value spec.containers[0].resources.limits[resourcequotas]: Invalid value: ${QUANTITY_500M}: must be an integer`,
      `10:44-10:48 invalid-value spec.containers[0].resources.requests[resourcequotas]: Invalid value: ${QUANTITY_500M}: must be an integer`,
    ]);
  });
});

describe('the overhead (validateOverhead: ValidateResourceRequirements with the overhead as limits)', () => {
  it('checks names and quantities as a container limit does, without defaulted requests', () => {
    // As the v1.20.2 server answers (parity cases ps-overhead-extended-fraction, ps-overhead-bad-name).
    assert.deepEqual(check('overhead: {example.com/foo: 500m, "CPU!": "1", resourcequotas: "2"}'), [
      `9:31-9:35 invalid-value spec.overhead.limits[example.com/foo]: Invalid value: ${QUANTITY_500M}: must be an integer`,
      "9:37-9:43 invalid-value spec.overhead.limits[CPU!]: Invalid value: \"CPU!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      '9:37-9:43 invalid-value spec.overhead.limits[CPU!]: Invalid value: "CPU!": must be a standard resource for containers',
      '9:50-9:64 invalid-value spec.overhead.limits[resourcequotas]: Invalid value: "resourcequotas": must be a standard resource for containers',
    ]);
  });

  it('validateResourceQuantityHugePageValue (1.21+): a hugepages overhead is a multiple of its page size', () => {
    const spec = 'overhead: {cpu: "1", hugepages-2Mi: 1Mi}';
    assert.deepEqual(check(spec), []);
    assert.deepEqual(check(spec, '1.23'), [
      '9:39-9:42 invalid-value spec.overhead.limits[hugepages-2Mi]: Invalid value: "1Mi": 1Mi is not positive integer multiple of hugepages-2Mi',
    ]);
  });
});
