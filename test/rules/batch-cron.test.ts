import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDuration, parseStandard } from '../../server/src/rules/batch/cron';
import { cronJobRules } from '../../server/src/rules/batch';
import { errorMessage } from '../../server/src/rules/errors';
import type { Obj } from '../../server/src/rules/context';

/** Schedules robfig/cron accepts, in both versions (v1.1.0 up to 1.21, v3 from 1.22). */
const ACCEPTED = [
  '* * * * *',
  '*/5 * * * *',
  '0 0 * * 0',
  '30 6-16/4 * * 1-5',
  '0 12 * * MON-FRI',
  '* * * JAN-DEC SUN-SAT',
  '* * * jan,Feb MON-fri',
  '00 05 * * *',
  ' * * * * *',
  '0\t0\t*\t*\t*',
  '*-5 * * * *', // what follows a star's hyphen is not read
  '?/3 ? ? ? ?',
  ', * * * *', // empty list items are skipped
  '1,,2 * * * *',
  '+5 * * * *',
  '*/+5 * * * *',
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
  '@every 1h30m',
  '@every 1.5h',
  '@every -1h', // any duration: Every() makes anything under a second one second
  '@every 0',
  '@every 1µs',
  '@every 9223372036854775807ns',
  '@every 2562047h',
];

/** Schedules refused, with the error of each version: [schedule, v1.1.0 (1.20), v3 (1.23+)]. Every v1 text checked against v1.20.2. */
const REFUSED: [string, string, string][] = [
  ['* * * *', 'Expected exactly 5 fields, found 4: * * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
  ['* * * * * *', 'Expected exactly 5 fields, found 6: * * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
  ['60 * * * *', 'End of range (60) above maximum (59): 60', 'end of range (60) above maximum (59): 60'],
  ['* 24 * * *', 'End of range (24) above maximum (23): 24', 'end of range (24) above maximum (23): 24'],
  ['* * 0 * *', 'Beginning of range (0) below minimum (1): 0', 'beginning of range (0) below minimum (1): 0'],
  ['* * 32 * *', 'End of range (32) above maximum (31): 32', 'end of range (32) above maximum (31): 32'],
  ['* * * 13 *', 'End of range (13) above maximum (12): 13', 'end of range (13) above maximum (12): 13'],
  ['* * * * 7', 'End of range (7) above maximum (6): 7', 'end of range (7) above maximum (6): 7'],
  ['5-1 * * * *', 'Beginning of range (5) beyond end of range (1): 5-1', 'beginning of range (5) beyond end of range (1): 5-1'],
  ['1-2-3 * * * *', 'Too many hyphens: 1-2-3', 'too many hyphens: 1-2-3'],
  ['1/2/3 * * * *', 'Too many slashes: 1/2/3', 'too many slashes: 1/2/3'],
  ['*/0 * * * *', 'Step of range should be a positive number: */0', 'step of range should be a positive number: */0'],
  ['5/0 * * * *', 'Step of range should be a positive number: 5/0', 'step of range should be a positive number: 5/0'],
  ['*/-5 * * * *', 'Negative number (-5) not allowed: -5', 'negative number (-5) not allowed: -5'],
  ['-5 * * * *', 'Failed to parse int from : strconv.Atoi: parsing "": invalid syntax', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
  [
    'a * * * *',
    'Failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax',
    'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax',
  ],
  [
    '* * * JANUARY *',
    'Failed to parse int from JANUARY: strconv.Atoi: parsing "JANUARY": invalid syntax',
    'failed to parse int from JANUARY: strconv.Atoi: parsing "JANUARY": invalid syntax',
  ],
  [
    '0 0 L * *',
    'Failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax',
    'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax',
  ],
  [
    '0 0 * * 1#2',
    'Failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax',
    'failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax',
  ],
  [
    '1.5 * * * *',
    'Failed to parse int from 1.5: strconv.Atoi: parsing "1.5": invalid syntax',
    'failed to parse int from 1.5: strconv.Atoi: parsing "1.5": invalid syntax',
  ],
  [
    '* * * * "x"',
    'Failed to parse int from "x": strconv.Atoi: parsing "\\"x\\"": invalid syntax',
    'failed to parse int from "x": strconv.Atoi: parsing "\\"x\\"": invalid syntax',
  ],
  [
    '99999999999999999999 * * * *',
    'Failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range',
    'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range',
  ],
  [
    '9223372036854775807 * * * *',
    'End of range (9223372036854775807) above maximum (59): 9223372036854775807',
    'end of range (9223372036854775807) above maximum (59): 9223372036854775807',
  ],
  [
    '9223372036854775808x * * * *',
    'Failed to parse int from 9223372036854775808x: strconv.Atoi: parsing "9223372036854775808x": invalid syntax',
    'failed to parse int from 9223372036854775808x: strconv.Atoi: parsing "9223372036854775808x": invalid syntax',
  ],
  ['@reboot', 'Unrecognized descriptor: @reboot', 'unrecognized descriptor: @reboot'],
  ['@Daily', 'Unrecognized descriptor: @Daily', 'unrecognized descriptor: @Daily'],
  ['@daily ', 'Unrecognized descriptor: @daily ', 'unrecognized descriptor: @daily '],
  ['@every', 'Unrecognized descriptor: @every', 'unrecognized descriptor: @every'],
  ['@every ', 'Failed to parse duration @every : time: invalid duration ""', 'failed to parse duration @every : time: invalid duration ""'],
  [
    '@every 10',
    'Failed to parse duration @every 10: time: missing unit in duration "10"',
    'failed to parse duration @every 10: time: missing unit in duration "10"',
  ],
  [
    '@every 1x',
    'Failed to parse duration @every 1x: time: unknown unit "x" in duration "1x"',
    'failed to parse duration @every 1x: time: unknown unit "x" in duration "1x"',
  ],
  ['@every .s', 'Failed to parse duration @every .s: time: invalid duration ".s"', 'failed to parse duration @every .s: time: invalid duration ".s"'],
  [
    '@every 2562048h',
    'Failed to parse duration @every 2562048h: time: invalid duration "2562048h"',
    'failed to parse duration @every 2562048h: time: invalid duration "2562048h"',
  ],
  [
    '@every 5 minutes',
    'Failed to parse duration @every 5 minutes: time: unknown unit " minutes" in duration "5 minutes"',
    'failed to parse duration @every 5 minutes: time: unknown unit " minutes" in duration "5 minutes"',
  ],
  // v1.1.0 knows no TZ= prefix; v3 reads it and loads the zone.
  ['TZ=Foo/Bar 0 * * * *', 'Expected exactly 5 fields, found 6: TZ=Foo/Bar 0 * * * *', 'provided bad location Foo/Bar: unknown time zone Foo/Bar'],
  ['0 0 * * * TZ', 'Expected exactly 5 fields, found 6: 0 0 * * * TZ', 'expected exactly 5 fields, found 6: [0 0 * * * TZ]'],
];

describe('cron schedules (robfig/cron ParseStandard)', () => {
  it('accepts the standard forms in both parser versions', () => {
    for (const s of ACCEPTED) {
      assert.equal(parseStandard(s, false), undefined, `v1 ${JSON.stringify(s)}`);
      assert.equal(parseStandard(s, true), undefined, `v3 ${JSON.stringify(s)}`);
    }
  });

  it('refuses the rest with each version’s words', () => {
    for (const [s, v1, v3] of REFUSED) {
      assert.equal(parseStandard(s, false), v1, `v1 ${JSON.stringify(s)}`);
      assert.equal(parseStandard(s, true), v3, `v3 ${JSON.stringify(s)}`);
    }
  });

  it('reads a TZ= or CRON_TZ= prefix from v3 only', () => {
    assert.equal(parseStandard('TZ=UTC 0 * * * *', false), 'Expected exactly 5 fields, found 6: TZ=UTC 0 * * * *');
    assert.equal(parseStandard('TZ=UTC 0 * * * *', true), undefined);
    assert.equal(parseStandard('CRON_TZ=Europe/Paris 0 9 * * 1-5', true), undefined);
    assert.equal(parseStandard('CRON_TZ=Europe/Paris @daily', true), undefined);
    assert.equal(parseStandard('TZ=UTC', true)?.startsWith('runtime error: slice bounds out of range'), true);
  });

  it('parses Go durations as time.ParseDuration does', () => {
    assert.equal(parseDuration('1h2m3.5s'), undefined);
    assert.equal(parseDuration('-.5h'), undefined);
    assert.equal(parseDuration('1é'), 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"');
    assert.equal(parseDuration('-'), 'time: invalid duration "-"');
  });
});

const cronJob = (spec: Obj, name = 'nightly'): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name },
  spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'busybox' }] } } } }, ...spec },
});
const check = (spec: Obj, version: string) => cronJobRules(cronJob(spec), { version }).map(errorMessage);

describe('CronJob schedule and time zone by version', () => {
  it('words a bad schedule as the parser of the version does', () => {
    assert.deepEqual(check({ schedule: '61 * * * *' }, '1.20'), ['spec.schedule: Invalid value: "61 * * * *": End of range (61) above maximum (59): 61']);
    assert.deepEqual(check({ schedule: '61 * * * *' }, '1.23'), ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
  });

  it('takes a TZ prefix from 1.22 until 1.29 refuses it on create', () => {
    const schedule = 'CRON_TZ=UTC 0 * * * *';
    assert.deepEqual(check({ schedule }, '1.20'), [
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": Expected exactly 5 fields, found 6: CRON_TZ=UTC 0 * * * *',
    ]);
    for (const v of ['1.23', '1.24', '1.28']) assert.deepEqual(check({ schedule }, v), [], v);
    assert.deepEqual(check({ schedule }, '1.29'), [
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
    assert.deepEqual(check({ schedule }, '1.35'), [
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it('refuses a TZ prefix with timeZone from 1.25 (the field is dropped before)', () => {
    const spec = { schedule: 'TZ=UTC 0 * * * *', timeZone: 'Europe/Paris' };
    assert.deepEqual(check(spec, '1.24'), []);
    assert.deepEqual(check(spec, '1.25'), ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule']);
  });

  it('checks timeZone from 1.25', () => {
    const at = (timeZone: string, version = '1.30') => check({ schedule: '@daily', timeZone }, version);
    assert.deepEqual(at('Mars/Olympus', '1.24'), []);
    for (const ok of ['Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5', 'US/Eastern', 'Asia/Kolkata']) assert.deepEqual(at(ok), [], ok);
    assert.deepEqual(at('Mars/Olympus'), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']);
    assert.deepEqual(at('europe/paris'), ['spec.timeZone: Invalid value: "europe/paris": unknown time zone europe/paris']);
    assert.deepEqual(at(''), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']);
    assert.deepEqual(at('Local'), [
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
    assert.deepEqual(at('../etc/passwd'), ['spec.timeZone: Invalid value: "../etc/passwd": unknown time zone ../etc/passwd']);
    assert.deepEqual(at('America/Los_Angeles_Long'), ['spec.timeZone: Invalid value: "America/Los_Angeles_Long": unknown time zone America/Los_Angeles_Long']);
  });
});
