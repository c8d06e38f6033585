// Resuming a followed log: which lines of a reopened stream are repeats (no cluster needed).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LogResume, splitTimestamp, timestampKey } from '../../client/src/cluster';

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('log resume', () => {
  test('timestamps compare across precision and zones', () => {
    assert.equal(timestampKey('2026-01-02T03:04:05Z'), timestampKey('2026-01-02T03:04:05.000000000Z'));
    assert.ok(timestampKey('2026-01-02T03:04:05.1Z')! > timestampKey('2026-01-02T03:04:05.099999999Z')!);
    assert.equal(timestampKey('2026-01-02T04:04:05.5+01:00'), timestampKey('2026-01-02T03:04:05.500Z'));
    assert.equal(timestampKey('not a time'), undefined);
    assert.deepEqual(splitTimestamp('2026-01-02T03:04:05.5Z hello world'), {
      timestamp: '2026-01-02T03:04:05.5Z',
      key: timestampKey('2026-01-02T03:04:05.5Z'),
      text: 'hello world',
    });
    assert.deepEqual(splitTimestamp('no timestamp here'), { text: 'no timestamp here' });
  });

  test('lines split across chunks (and a UTF-8 character split across chunks) come out whole', () => {
    const r = new LogResume();
    const bytes = Buffer.from('2026-01-02T03:04:05.1Z héllo\n2026-01-02T03:04:05.2Z wo');
    const cut = bytes.indexOf(0xa9); // inside "é"
    assert.deepEqual(texts(r.push(bytes.subarray(0, cut))), []);
    assert.deepEqual(texts(r.push(bytes.subarray(cut))), ['héllo']);
    assert.deepEqual(texts(r.push('rld\n')), ['world']);
    assert.equal(r.sinceTime, '2026-01-02T03:04:05.2Z');
  });

  test('after a drop: older lines and already-shown lines with the last timestamp are skipped, new ones with it are not', () => {
    const r = new LogResume();
    const T1 = '2026-01-02T03:04:05.100Z';
    const T2 = '2026-01-02T03:04:05.200Z';
    const T3 = '2026-01-02T03:04:06.000Z';
    // two lines share T2; the stream drops in the middle of a third line with T2
    assert.deepEqual(texts(r.push(`${T1} a\n${T2} b1\n${T2} b2\n${T2} b3-cut-o`)), ['a', 'b1', 'b2']);
    r.lost();
    assert.equal(r.sinceTime, T2);
    // the server answers from the whole second (sinceTime truncated): a, b1, b2 again, then b3 whole and more
    const again = r.push(`2026-01-02T03:04:05Z before\n${T1} a\n${T2} b1\n${T2} b2\n${T2} b3-cut-off\n${T3} c\n`);
    assert.deepEqual(texts(again), ['b3-cut-off', 'c']);
    assert.equal(r.skipped, 4);
    // a second drop right after: only c is skipped next time
    r.lost();
    assert.deepEqual(texts(r.push(`${T2} b1\n${T3} c\n${T3} d\n`)), ['d']);
  });

  test('a drop before any line: nothing to skip', () => {
    const r = new LogResume();
    r.lost();
    assert.equal(r.sinceTime, undefined);
    assert.deepEqual(texts(r.push('2026-01-02T03:04:05Z x\n')), ['x']);
  });

  test('a clean end keeps a last line without newline', () => {
    const r = new LogResume();
    assert.deepEqual(texts(r.push('2026-01-02T03:04:05Z x\n2026-01-02T03:04:06Z y')), ['x']);
    assert.deepEqual(texts(r.end()), ['y']);
  });
});
