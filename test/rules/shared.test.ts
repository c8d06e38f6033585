// The helpers apps/ and batch/ share from rules/: Go printing, strconv.Atoi, the name the server
// validates, IsDomainPrefixedPath and an Invalid error whose value is omitted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldPath } from '../../server/src/path/fieldPath';
import { errorMessage, invalidOmitValue } from '../../server/src/rules/errors';
import { goSlice } from '../../server/src/rules/goPrint';
import { nameAsValidated } from '../../server/src/rules/metadata';
import { isDomainPrefixedPath } from '../../server/src/rules/names';
import { intOrPercentValue } from '../../server/src/rules/numbers';
import { atoi } from '../../server/src/rules/strconv';

describe('shared rule helpers', () => {
  it('prints field.Invalid with field.OmitValueType{} without a value', () => {
    assert.equal(errorMessage(invalidOmitValue(FieldPath.root('spec', 'rules').index(0), 'why')), 'spec.rules[0]: Invalid value: why');
  });

  it('prints a Go slice, nil when absent', () => {
    assert.equal(goSlice('int32', [1, 2], String), '[]int32{1, 2}');
    assert.equal(goSlice('int32', undefined, String), '[]int32(nil)');
  });

  it("gives strconv.Atoi's int with its error: 0 on bad syntax, the nearest int64 out of range", () => {
    assert.deepEqual(atoi('-12'), [-12n, undefined]);
    assert.deepEqual(atoi('1x'), [0n, 'strconv.Atoi: parsing "1x": invalid syntax']);
    assert.deepEqual(atoi('99999999999999999999'), [(1n << 63n) - 1n, 'strconv.Atoi: parsing "99999999999999999999": value out of range']);
    assert.deepEqual(atoi('-99999999999999999999')[0], -(1n << 63n));
    assert.ok(intOrPercentValue({ type: 'string', value: '99999999999999999999%' }) > 100);
  });

  it('names a generateName-only object as the server completes it', () => {
    assert.equal(nameAsValidated({ name: 'a', generateName: 'b-' }), 'a');
    assert.equal(nameAsValidated({ generateName: 'b-' }), 'b-x2f9q');
    assert.equal(nameAsValidated({}), '');
  });

  it('checks a domain-prefixed path', () => {
    const path = FieldPath.root('spec', 'managedBy');
    assert.deepEqual(isDomainPrefixedPath(path, 'acme.io/foo'), []);
    assert.deepEqual(isDomainPrefixedPath(path, 'acme.io/').map(errorMessage), [
      'spec.managedBy: Invalid value: "acme.io/": must be a domain-prefixed path (such as "acme.io/foo")',
    ]);
  });
});
