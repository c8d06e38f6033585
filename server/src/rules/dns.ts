/**
 * How the Pod resolves names: spec.dnsConfig with dnsPolicy (validatePodDNSConfig) and
 * spec.hostAliases (ValidateHostAliases), in pkg/apis/core/validation/validation.go.
 */
import { arr, atLeast, eachObj, obj, Obj, RuleContext, str } from './context';
import { at, FieldError, invalid, required } from './errors';
import { FieldPath } from '../path/fieldPath';
import { isDNS1123Subdomain, isIPv6, isValidIP } from './names';

const SPEC = FieldPath.root('spec');

/**
 * validatePodDNSConfig. dnsPolicy None needs dnsConfig with nameservers; at most 3 nameservers,
 * each an IP; searches: at most 6 and 256 characters (1.20-1.25), 32 and 2048 (1.26+: the
 * ExpandedDNSConfig gate is on from 1.26, GA in 1.28); each a DNS subdomain (a trailing dot is
 * fine); 1.33+ (RelaxedDNSSearchValidation beta): "." alone, and '_' in search domains; option
 * names required. IPs: net.ParseIP in 1.20, ParseIPSloppy (leading zeros allowed) from 1.23, the
 * message of validation.IsValidIP from 1.30.
 */
export function dnsConfig(spec: Obj, ctx: RuleContext): FieldError[] {
  const path = SPEC.child('dnsConfig');
  const config = obj(spec.dnsConfig);
  const errs: FieldError[] = [];
  if (str(spec.dnsPolicy) === 'None') {
    if (!config) return [at(required(path, 'must provide `dnsConfig` when `dnsPolicy` is None'), SPEC.child('dnsPolicy'), 'value')];
    if (arr(config.nameservers).length === 0) return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!config) return errs;
  const nameservers = arr(config.nameservers);
  if (nameservers.length > 3) errs.push(invalid(path.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((n, i) => {
    const ns = str(n);
    if (ns !== undefined) errs.push(...ipAddress(ns, path.child('nameservers').index(i), ctx));
  });
  const searches = arr(config.searches);
  const expanded = atLeast(ctx, '1.26');
  const maxPaths = expanded ? 32 : 6;
  const maxChars = expanded ? 2048 : 256;
  if (searches.length > maxPaths) errs.push(invalid(path.child('searches'), searches, `must not have more than ${maxPaths} search paths`));
  const joined = searches.map((s) => str(s) ?? '').join(' ');
  if (joined.length > maxChars)
    errs.push(invalid(path.child('searches'), searches, `must not have more than ${maxChars} characters (including spaces) in the search list`));
  const relaxed = atLeast(ctx, '1.33');
  searches.forEach((s, i) => {
    let search = str(s);
    if (search === undefined) return;
    const p = path.child('searches').index(i);
    if (relaxed) {
      if (search === '.') return;
      search = search.endsWith('.') ? search.slice(0, -1) : search;
      for (const msg of isDNS1123SubdomainWithUnderscore(search)) errs.push(invalid(p, search, msg));
    } else {
      search = search.endsWith('.') ? search.slice(0, -1) : search;
      for (const msg of isDNS1123Subdomain(search)) errs.push(invalid(p, search, msg));
    }
  });
  arr(config.options).forEach((o, i) => {
    const option = obj(o) ?? {};
    if (option.name !== undefined && typeof option.name !== 'string') return;
    if (!str(option.name)) errs.push(at(required(path.child('options').index(i), 'must not be empty'), path.child('options').index(i), 'value'));
  });
  return errs;
}

/** validation.IsDNS1123SubdomainWithUnderscore (1.32+ apimachinery). */
function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const label = '[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?';
  const fmt = `${label}(\\.${label})*`;
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!new RegExp(`^${fmt}$`).test(value)) {
    errs.push(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${fmt}')`,
    );
  }
  return errs;
}

/** An IP of a legacy field, worded as the version words it. */
function ipAddress(value: string, path: FieldPath, ctx: RuleContext): FieldError[] {
  const ok = atLeast(ctx, '1.23') ? isIPSloppy(value) : isValidIP(value);
  if (ok) return [];
  return [invalid(path, value, atLeast(ctx, '1.30') ? 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' : 'must be valid IP address')];
}

/** netutils.ParseIPSloppy: Go's pre-1.17 net.ParseIP, which takes leading zeros in IPv4. */
function isIPSloppy(value: string): boolean {
  const v4 = (s: string) => {
    const parts = s.split('.');
    return parts.length === 4 && parts.every((p) => /^[0-9]+$/.test(p) && Number(p) <= 255);
  };
  if (v4(value)) return true;
  if (!value.includes(':')) return false;
  const lastColon = value.lastIndexOf(':');
  const tail = value.slice(lastColon + 1);
  if (tail.includes('.')) return v4(tail) && isIPv6(`${value.slice(0, lastColon + 1)}0.0.0.0`);
  return isIPv6(value);
}

/**
 * ValidateHostAliases: each ip valid, each hostname a DNS subdomain. Up to 1.29 the paths carry no
 * index (`spec.hostAliases.ip`, `spec.hostAliases.hostnames`); from 1.30 they do.
 */
export function hostAliases(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const path = SPEC.child('hostAliases');
  const indexed = atLeast(ctx, '1.30');
  eachObj(spec.hostAliases, (alias, i) => {
    // From 1.30 a missing ip is the schema check's (required there).
    if (typeof alias.ip === 'string' || (alias.ip === undefined && !indexed)) {
      const ip = str(alias.ip) ?? '';
      const where = alias.ip === undefined ? path.index(i) : path.index(i).child('ip');
      const target = 'value';
      for (const e of ipAddress(ip, indexed ? path.index(i).child('ip') : path.child('ip'), ctx)) errs.push(at(e, where, target));
    }
    arr(alias.hostnames).forEach((n, j) => {
      const name = str(n);
      if (name === undefined) return;
      const where = path.index(i).child('hostnames').index(j);
      for (const msg of isDNS1123Subdomain(name)) errs.push(at(invalid(indexed ? where : path.child('hostnames'), name, msg), where));
    });
  });
  return errs;
}
