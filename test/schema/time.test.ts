/**
 * metav1.Time in Go's words (schema/time.ts): the messages kube-apiserver v1.20.2 gives for a bad
 * creationTimestamp (test/parity/cases/timestamps.yaml sends these to it), and what it accepts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RFC3339_PATTERN, timeError } from '../../server/src/schema/time';
import { brief, doc, service, yaml } from '../helpers/service';

describe('metav1.Time', () => {
  it("words a bad time as Go's time.Parse(RFC3339) does", () => {
    const layout = '"2006-01-02T15:04:05Z07:00"';
    assert.deepEqual(
      [
        'x',
        '2020-01-01',
        '2020-01-01T00:00:00',
        '2020-01-01 00:00:00Z',
        '2020-13-01T00:00:00Z',
        '2020-02-30T00:00:00Z',
        '2021-02-29T00:00:00Z',
        '2020-01-01T25:00:00Z',
        '2020-01-01T00:00:00Zabc',
      ].map(timeError),
      [
        `parsing time "x" as ${layout}: cannot parse "x" as "2006"`,
        `parsing time "2020-01-01" as ${layout}: cannot parse "" as "T"`,
        `parsing time "2020-01-01T00:00:00" as ${layout}: cannot parse "" as "Z07:00"`,
        `parsing time "2020-01-01 00:00:00Z" as ${layout}: cannot parse " 00:00:00Z" as "T"`,
        'parsing time "2020-13-01T00:00:00Z": month out of range',
        'parsing time "2020-02-30T00:00:00Z": day out of range',
        'parsing time "2021-02-29T00:00:00Z": day out of range',
        'parsing time "2020-01-01T25:00:00Z": hour out of range',
        'parsing time "2020-01-01T00:00:00Zabc": extra text: "abc"',
      ],
    );
  });

  it('accepts fractional seconds, offsets and 29 February of a leap year, as the schema check does', () => {
    const re = new RegExp(RFC3339_PATTERN);
    for (const ok of ['2020-01-01T00:00:00.123Z', '2020-01-01T00:00:00+01:00', '2020-02-29T10:00:00Z']) {
      assert.equal(timeError(ok), undefined, ok);
      assert.ok(re.test(ok), ok);
    }
  });

  it('reports a bad creationTimestamp on its value', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        creationTimestamp: "2020-01-01"
      spec:
        containers: [{name: a, image: busybox}]
    `;
    assert.deepEqual(service('1.20').validate(doc(text)).map(brief), [
      '5:22-5:34 wrong-type metadata.creationTimestamp: parsing time "2020-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"',
    ]);
  });
});
