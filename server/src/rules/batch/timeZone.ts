/**
 * A CronJob's time zone: validateTimeZone (pkg/apis/batch/validation) and what time.LoadLocation
 * answers for a name, which the schedule's `TZ=` prefix needs too (cron.ts).
 *
 * The server loads names from the IANA database (its tzdata). We ship none: a name is known when
 * the JavaScript runtime's own IANA data (Intl, ICU) resolves it. ICU compares names without
 * regard to case and Go does not, so a name that differs from ICU's canonical spelling only in
 * case is unknown, and an alias (`US/Eastern`, ICU answers `America/New_York`) is taken when each
 * of its parts begins with a capital or a digit, as every IANA name does. Without Intl, names of
 * the Area/Location form are taken and nothing is refused.
 */
import type { FieldPath } from '../../path/fieldPath';
import { FieldError, invalid } from '../errors';

/** What ICU makes of a name: its canonical spelling, or null when it does not know it; undefined without Intl. */
function icuTimeZone(name: string): string | null | undefined {
  if (typeof Intl === 'undefined' || typeof Intl.DateTimeFormat !== 'function') return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch (e) {
    return e instanceof RangeError ? null : undefined;
  }
}

const AREA_LOCATION = /^[A-Z][A-Za-z_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)+$/;
const IANA_PARTS = /^[A-Z0-9][^/]*(\/[A-Z0-9][^/]*)*$/;

/** Whether the IANA database has the name: true, false, or undefined when we cannot tell. */
export function knownTimeZone(name: string): boolean | undefined {
  const icu = icuTimeZone(name);
  if (icu === undefined) return AREA_LOCATION.test(name) ? true : undefined;
  if (icu === null) return false;
  if (icu === name) return true;
  if (icu.toLowerCase() === name.toLowerCase()) return false;
  return IANA_PARTS.test(name);
}

/** time.LoadLocation: undefined when the name loads, else Go's error text. */
export function loadLocation(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.includes('..') || name[0] === '/' || name[0] === '\\') return 'time: invalid location name';
  return knownTimeZone(name) === false ? `unknown time zone ${name}` : undefined;
}

/**
 * validTimeZoneCharacters: each part of the name. The check arrived after 1.24 (it is not in
 * 1.24's validation); taken here from 1.25, when the field's gate came on: unsure exactly which
 * release added it. Its error reads as LoadLocation's.
 */
const VALID_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone: spec.timeZone (a *string: `timeZone: ""` is set and empty). */
export function validateTimeZone(timeZone: string, path: FieldPath): FieldError[] {
  if (timeZone === '') return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_PART.test(part)) return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
  }
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === 'local')
    errs.push(invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const err = loadLocation(timeZone);
  if (err) errs.push(invalid(path, timeZone, err));
  return errs;
}
