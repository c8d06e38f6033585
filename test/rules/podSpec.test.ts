import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubernetesVersion } from '../../server/src/schema/versions';
import { checker } from '../helpers/check';

/** A Pod whose spec (after one container, lines 7-9) is `spec`, indented by two spaces. */
const pod = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx\n${spec.replace(/^(?=.)/gm, '  ')}`;
const check = checker({ pod, version: '1.20' });
/** Only the diagnostics whose message starts with `path:`. */
const at = (spec: string, path: string, version: KubernetesVersion = '1.20') => check(spec, version).filter((l) => l.split(' ')[2] === `${path}:`);

describe('pod spec rules (ValidatePodSpec)', () => {
  it('leaves a Pod using every pod-level field well alone', () => {
    const spec = [
      'restartPolicy: ""',
      'dnsPolicy: None',
      'dnsConfig:',
      '  nameservers: [1.1.1.1, "2001:db8::1"]',
      '  searches: [example.com, svc.cluster.local.]',
      '  options: [{name: ndots, value: "2"}]',
      'nodeSelector: {kubernetes.io/os: linux}',
      'hostname: web-0',
      'subdomain: web',
      'activeDeadlineSeconds: 2147483647',
      'hostAliases: [{ip: 10.0.0.1, hostnames: [db.local]}]',
      'tolerations:',
      '- operator: Exists',
      '- {key: k, operator: Exists, effect: NoExecute, tolerationSeconds: 30}',
      'readinessGates: [{conditionType: example.com/ready}]',
      'securityContext:',
      '  sysctls: [{name: net.core.somaxconn, value: "1024"}]',
      'topologySpreadConstraints:',
      '- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}',
      '- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {}}',
    ].join('\n');
    for (const v of ['1.20', '1.27', '1.35'] as const) assert.deepEqual(check(spec, v), [], v);
  });

  describe('validatePodDNSConfig', () => {
    it('needs dnsConfig with nameservers when dnsPolicy is None', () => {
      assert.deepEqual(check('dnsPolicy: None'), ['9:14-9:18 required spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
      assert.deepEqual(check('dnsPolicy: None\ndnsConfig:\n  searches: [a.com]'), [
        '10:3-10:12 required spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
      ]);
    });

    it('allows at most 3 nameservers, each an IP (net.ParseIP in 1.20: no leading zeros)', () => {
      assert.deepEqual(check('dnsConfig:\n  nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]'), [
        '10:18-10:54 invalid-value spec.dnsConfig.nameservers: Invalid value: []string{"1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4"}: must not have more than 3 nameservers',
      ]);
      assert.deepEqual(check('dnsConfig:\n  nameservers: [1.2.3, 010.0.0.1]'), [
        '10:19-10:24 invalid-value spec.dnsConfig.nameservers[0]: Invalid value: "1.2.3": must be valid IP address',
        '10:26-10:35 invalid-value spec.dnsConfig.nameservers[1]: Invalid value: "010.0.0.1": must be valid IP address',
      ]);
    });

    it('takes leading zeros from 1.23 (ParseIPSloppy) and words it as validation.IsValidIP from 1.30', () => {
      assert.deepEqual(check('dnsConfig:\n  nameservers: [010.0.0.1]', '1.23'), []);
      assert.deepEqual(check('dnsConfig:\n  nameservers: [bad]', '1.30'), [
        '10:19-10:22 invalid-value spec.dnsConfig.nameservers[0]: Invalid value: "bad": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ]);
    });

    it('limits searches to 6 paths / 256 characters before 1.26, 32 / 2048 from 1.26 (ExpandedDNSConfig)', () => {
      const seven = 'dnsConfig:\n  searches: [a.com, b.com, c.com, d.com, e.com, f.com, g.com]';
      assert.deepEqual(at(seven, 'spec.dnsConfig.searches'), [
        '10:15-10:64 invalid-value spec.dnsConfig.searches: Invalid value: []string{"a.com", "b.com", "c.com", "d.com", "e.com", "f.com", "g.com"}: must not have more than 6 search paths',
      ]);
      assert.deepEqual(check(seven, '1.26'), []);
      const long = `dnsConfig:\n  searches: [${Array.from({ length: 5 }, (_, i) => `${'abcde'[i]}${'a'.repeat(59)}.example.com`).join(', ')}]`;
      assert.match(at(long, 'spec.dnsConfig.searches')[0], /: must not have more than 256 characters \(including spaces\) in the search list$/);
      assert.deepEqual(check(long, '1.28'), []);
      const many = `dnsConfig:\n  searches: [${Array.from({ length: 33 }, (_, i) => `s${i}.com`).join(', ')}]`;
      assert.match(at(many, 'spec.dnsConfig.searches', '1.28')[0], /: must not have more than 32 search paths$/);
    });

    it('checks each search as a DNS subdomain (trailing dot allowed); 1.33+ allows "_" and "." (RelaxedDNSSearchValidation)', () => {
      assert.match(
        check('dnsConfig:\n  searches: [my_domain.com]')[0],
        /^10:16-10:29 invalid-value spec.dnsConfig.searches\[0\]: Invalid value: "my_domain.com": a lowercase RFC 1123 subdomain/,
      );
      assert.deepEqual(check('dnsConfig:\n  searches: [my_domain.com, "."]', '1.33'), []);
    });

    it('requires option names', () => {
      assert.deepEqual(check('dnsConfig:\n  options:\n  - value: "2"'), ['11:7-11:17 required spec.dnsConfig.options[0]: Required value: must not be empty']);
    });
  });

  describe('ValidatePodSecurityContext parts: shareProcessNamespace and sysctls', () => {
    it('refuses shareProcessNamespace with hostPID, naming the internal path', () => {
      assert.deepEqual(check('hostPID: true\nshareProcessNamespace: true'), [
        '10:26-10:30 invalid-value spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled',
      ]);
    });

    it('checks sysctl names (no "/" in 1.20) and duplicates', () => {
      const slash = 'securityContext:\n  sysctls:\n  - {name: net/core/somaxconn, value: "1"}';
      assert.deepEqual(check(slash), [
        '11:14-11:32 invalid-value spec.securityContext.sysctls[0].name: Invalid value: "net/core/somaxconn": must have at most 253 characters and match regex ([a-z0-9]([-_a-z0-9]*[a-z0-9])?\\.)*[a-z0-9]([-_a-z0-9]*[a-z0-9])?',
      ]);
      assert.deepEqual(check(slash, '1.24'), []);
      assert.deepEqual(check('securityContext:\n  sysctls:\n  - {name: Net.Core, value: "1"}', '1.25'), [
        '11:14-11:22 invalid-value spec.securityContext.sysctls[0].name: Invalid value: "Net.Core": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
      ]);
      assert.deepEqual(check('securityContext:\n  sysctls:\n  - {name: kernel.msgmax, value: "1"}\n  - {name: kernel.msgmax, value: "2"}'), [
        '12:14-12:27 duplicate-value spec.securityContext.sysctls[1].name: Duplicate value: "kernel.msgmax"',
      ]);
    });

    it('ValidateHostSysctl (1.29+): no net.* sysctls with hostNetwork, no IPC sysctls with hostIPC', () => {
      const spec =
        'hostNetwork: true\nhostIPC: true\nsecurityContext:\n  sysctls:\n  - {name: net.core.somaxconn, value: "1"}\n  - {name: kernel.shmmax, value: "1"}';
      assert.deepEqual(check(spec), []);
      assert.deepEqual(check(spec, '1.29'), [
        `13:14-13:32 invalid-value spec.securityContext.sysctls[0].name: Invalid value: "net.core.somaxconn": may not be specified when 'hostNetwork' is true`,
        `14:14-14:27 invalid-value spec.securityContext.sysctls[1].name: Invalid value: "kernel.shmmax": may not be specified when 'hostIPC' is true`,
      ]);
    });
  });

  describe('validateAffinity', () => {
    const required = (expr: string) => `affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n${expr}`;
    const P = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

    it('needs at least one node selector term', () => {
      assert.deepEqual(check('affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: []'), [
        `12:9-12:26 required ${P}: Required value: must have at least one node selector term`,
      ]);
    });

    it('checks operators against values (ValidateNodeSelectorRequirement)', () => {
      assert.deepEqual(
        check(
          required(
            '      - matchExpressions:\n        - {key: zone, operator: In}\n        - {key: zone, operator: Exists, values: [a]}\n        - {key: cores, operator: Gt, values: ["1", "2"]}\n        - {key: zone, operator: ""}',
          ),
        ),
        [
          `14:14-14:17 required ${P}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
          `15:43-15:49 forbidden ${P}[0].matchExpressions[1].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
          `16:40-16:46 required ${P}[0].matchExpressions[2].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
          `17:35-17:37 invalid-value ${P}[0].matchExpressions[3].operator: Invalid value: "": not a valid selector operator`,
        ],
      );
    });

    it('takes only metadata.name with In/NotIn and one value in matchFields (ValidateNodeFieldSelectorRequirement)', () => {
      assert.deepEqual(
        check(
          required(
            '      - matchFields:\n        - {key: metadata.namespace, operator: In, values: [a]}\n        - {key: metadata.name, operator: Exists}\n        - {key: metadata.name, operator: In, values: [a, b]}',
          ),
        ),
        [
          `14:19-14:37 invalid-value ${P}[0].matchFields[0].key: Invalid value: "metadata.namespace": not a valid field selector key`,
          `15:44-15:50 invalid-value ${P}[0].matchFields[1].operator: Invalid value: "Exists": not a valid selector operator`,
          `16:48-16:54 required ${P}[0].matchFields[2].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`,
        ],
      );
    });

    it('1.32+: values of required node affinity terms must be label values (not of preferred ones)', () => {
      const spec = required('      - matchExpressions:\n        - {key: zone, operator: In, values: ["a b"]}');
      assert.deepEqual(check(spec, '1.31'), []);
      assert.match(
        check(spec, '1.32')[0],
        /^14:48-14:53 invalid-value spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms\[0\].matchExpressions\[0\].values\[0\]: Invalid value: "a b": a valid label must be/,
      );
    });

    it('keeps weights in 1-100', () => {
      assert.deepEqual(
        check(
          'affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - {weight: 0, preference: {}}\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 101\n      podAffinityTerm: {topologyKey: zone, labelSelector: {}}',
        ),
        [
          '12:18-12:19 invalid-value spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
          '15:17-15:20 invalid-value spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100',
        ],
      );
    });

    it('requires a topologyKey and checks the label selector, under `matchExpressions` in 1.20 and `labelSelector` from 1.23', () => {
      const spec =
        'affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - topologyKey: zone\n      labelSelector:\n        matchExpressions:\n        - {key: app, operator: In}';
      const T = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
      assert.deepEqual(check(spec), [
        `15:14-15:17 required ${T}.matchExpressions.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      ]);
      assert.deepEqual(check(spec, '1.23'), [
        `15:14-15:17 required ${T}.labelSelector.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      ]);
      assert.deepEqual(
        at(
          'affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - {topologyKey: "", labelSelector: {}}',
          `${T}.topologyKey`,
        ).find((l) => l.includes('Required')),
        `12:10-12:21 required ${T}.topologyKey: Required value: can not be empty`,
      );
    });

    it('1.26+ (LabelSelectorValidationOptions): selector values must be label values', () => {
      const spec =
        'affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - topologyKey: zone\n      labelSelector:\n        matchExpressions:\n        - {key: app, operator: In, values: ["a b"]}';
      assert.deepEqual(check(spec, '1.25'), []);
      assert.match(check(spec, '1.26')[0], /labelSelector.matchExpressions\[0\].values\[0\]: Invalid value: "a b": a valid label must be/);
    });

    it('checks namespaces as DNS labels under the path `namespace`', () => {
      const got = check(
        'affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - {topologyKey: zone, labelSelector: {}, namespaces: [Bad_NS]}',
      );
      assert.match(
        got[0],
        /^12:61-12:67 invalid-value spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution\[0\].namespace: Invalid value: "Bad_NS": a lowercase RFC 1123 label/,
      );
    });

    it('ValidateMatchLabelKeysAndMismatchLabelKeys (1.31+): no key in both lists, none without a labelSelector', () => {
      const spec =
        'affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - {topologyKey: zone, labelSelector: {}, matchLabelKeys: [a], mismatchLabelKeys: [a]}\n    - {topologyKey: zone, matchLabelKeys: [b]}';
      assert.deepEqual(check(spec, '1.31'), [
        '12:65-12:66 invalid-value spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]: Invalid value: "a": exists in both matchLabelKeys and mismatchLabelKeys',
        '13:10-13:21 warning spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].labelSelector: a null labelSelector results in matching no pod',
        '13:29-13:43 forbidden spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set',
      ]);
    });
  });

  describe('validateTopologySpreadConstraints', () => {
    const T = 'spec.topologySpreadConstraints';
    it('checks maxSkew, topologyKey and an empty whenUnsatisfiable', () => {
      assert.deepEqual(check('topologySpreadConstraints:\n- {maxSkew: 0, topologyKey: "", whenUnsatisfiable: ""}'), [
        `10:15-10:16 invalid-value ${T}[0].maxSkew: Invalid value: 0: must be greater than zero`,
        `10:18-10:29 required ${T}[0].topologyKey: Required value: can not be empty`,
        `10:54-10:56 unsupported-value ${T}[0].whenUnsatisfiable: Unsupported value: "": supported values: "DoNotSchedule", "ScheduleAnyway"`,
      ]);
    });

    it('refuses two constraints with the same {topologyKey, whenUnsatisfiable}', () => {
      assert.deepEqual(
        check(
          'topologySpreadConstraints:\n- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n- {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}',
        ),
        [`10:31-10:35 duplicate-value ${T}[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"`],
      );
    });

    it('validateMinDomains (1.27+, when the gate is on by default)', () => {
      const spec = 'topologySpreadConstraints:\n- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 0}';
      assert.deepEqual(check(spec, '1.26'), []);
      assert.deepEqual(check(spec, '1.27'), [
        `10:84-10:85 invalid-value ${T}[0].minDomains: Invalid value: 0: must be greater than zero`,
        `10:84-10:85 invalid-value ${T}[0].minDomains: Invalid value: 0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`,
      ]);
    });

    it('validateMatchLabelKeys (1.27+): keys not in the labelSelector, and a labelSelector needed', () => {
      const spec =
        'topologySpreadConstraints:\n- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: a}}, matchLabelKeys: [app]}\n- {maxSkew: 1, topologyKey: node, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [pod-template-hash]}';
      assert.deepEqual(check(spec, '1.27'), [
        `10:128-10:131 invalid-value ${T}[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`,
        `11:71-11:85 forbidden ${T}[1].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`,
      ]);
    });
  });

  describe('names, numbers and labels of ValidatePodSpec', () => {
    it('checks serviceAccountName (also when given as the deprecated serviceAccount), nodeName and hostname as DNS names', () => {
      assert.match(
        check('serviceAccountName: Bad_SA')[0],
        /^9:23-9:29 invalid-value spec.serviceAccountName: Invalid value: "Bad_SA": a lowercase RFC 1123 subdomain/,
      );
      assert.match(
        check('serviceAccount: Bad_SA')[0],
        /^9:19-9:25 invalid-value spec.serviceAccountName: Invalid value: "Bad_SA": a lowercase RFC 1123 subdomain/,
      );
      assert.match(check('nodeName: Node_1')[0], /^9:13-9:19 invalid-value spec.nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/);
      assert.match(check('hostname: Host.Name')[0], /^9:13-9:22 invalid-value spec.hostname: Invalid value: "Host.Name": a lowercase RFC 1123 label/);
      assert.match(check('subdomain: a.b')[0], /^9:14-9:17 invalid-value spec.subdomain: Invalid value: "a.b": a lowercase RFC 1123 label/);
    });

    it('keeps activeDeadlineSeconds in 1..2147483647', () => {
      assert.deepEqual(check('activeDeadlineSeconds: 0'), [
        '9:26-9:27 invalid-value spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
      ]);
      assert.deepEqual(check('activeDeadlineSeconds: 2147483648'), [
        '9:26-9:36 invalid-value spec.activeDeadlineSeconds: Invalid value: 2147483648: must be between 1 and 2147483647, inclusive',
      ]);
    });

    it('checks nodeSelector keys and values with the path spec.nodeSelector', () => {
      const got = check('nodeSelector:\n  a/b/c: x\n  disk: -ssd');
      assert.equal(got.length, 2);
      assert.match(got[0], /^10:5-10:10 invalid-value spec.nodeSelector: Invalid value: "a\/b\/c": a qualified name must consist/);
      assert.match(got[1], /^11:11-11:15 invalid-value spec.nodeSelector: Invalid value: "-ssd": a valid label must be/);
    });

    it('checks readinessGates conditionType as a qualified name', () => {
      assert.match(
        check('readinessGates:\n- conditionType: "bad type!"')[0],
        /^10:20-10:31 invalid-value spec.readinessGates\[0\].conditionType: Invalid value: "bad type!": name part must consist/,
      );
    });

    it('says nothing about a priorityClassName or runtimeClassName that may not exist', () => {
      assert.deepEqual(check('priorityClassName: high\nruntimeClassName: gvisor'), []);
    });
  });

  describe('ValidatePodSpecificAnnotations and validateOverhead', () => {
    it('needs spec.nodeName on a mirror pod', () => {
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kubernetes.io/config.mirror: m}\nspec:\n  containers: [{name: app, image: nginx}]\n`;
      assert.deepEqual(checker({ version: '1.20' })(text), [
        '5:46-5:47 invalid-value metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "m": must set spec.nodeName if mirror pod annotation is set',
      ]);
    });

    it('checks the overhead as resource limits: spec.overhead.limits[name], hugepages beside cpu or memory', () => {
      assert.deepEqual(check('overhead: {cpu: "-1", pods: "1"}'), [
        '9:19-9:23 invalid-value spec.overhead.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0',
        '9:25-9:29 invalid-value spec.overhead.limits[pods]: Invalid value: "pods": must be a standard resource for containers',
      ]);
      assert.deepEqual(check('overhead: {hugepages-2Mi: 2Mi}'), ['9:3-9:11 forbidden spec.overhead: Forbidden: HugePages require cpu or memory']);
    });
  });

  describe('ValidateTolerations', () => {
    it('needs Exists for an empty key, NoExecute for tolerationSeconds', () => {
      assert.deepEqual(
        check(
          'tolerations:\n- {operator: Equal, value: x}\n- {key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 10}\n- {key: k, operator: Exists, tolerationSeconds: 10}',
        ),
        [
          '10:16-10:21 invalid-value spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
          `11:40-11:50 invalid-value spec.tolerations[1].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
          `12:32-12:49 invalid-value spec.tolerations[2].effect: Invalid value: "": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
        ],
      );
    });

    it('wants no value with Exists (the whole toleration printed until 1.31, the value from 1.32)', () => {
      const spec = 'tolerations:\n- {key: k, operator: Exists, value: v}';
      assert.deepEqual(check(spec), [
        `10:39-10:40 invalid-value spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when \`operator\` is 'Exists'`,
      ]);
      assert.deepEqual(check(spec, '1.32'), [
        `10:39-10:40 invalid-value spec.tolerations[0].operator: Invalid value: "v": value must be empty when \`operator\` is 'Exists'`,
      ]);
    });

    it('checks the value of Equal as a label value and the key as a label name', () => {
      const got = check('tolerations:\n- {key: "bad key", operator: Equal, value: "bad value!"}');
      assert.equal(got.length, 2);
      assert.match(got[0], /^10:11-10:20 invalid-value spec.tolerations\[0\].key: Invalid value: "bad key": name part must consist/);
      assert.match(got[1], /^10:46-10:58 invalid-value spec.tolerations\[0\].operator: Invalid value: "bad value!": a valid label must be/);
    });
  });

  describe('ValidateHostAliases', () => {
    it('names `spec.hostAliases.ip` without an index up to 1.29, with one from 1.30', () => {
      const spec = 'hostAliases:\n- {ip: 10.0.0.1, hostnames: [a]}\n- {ip: nope, hostnames: [b]}';
      assert.deepEqual(check(spec), ['11:10-11:14 invalid-value spec.hostAliases.ip: Invalid value: "nope": must be valid IP address']);
      assert.deepEqual(check(spec, '1.30'), [
        '11:10-11:14 invalid-value spec.hostAliases[1].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ]);
    });

    it('checks hostnames as DNS subdomains', () => {
      assert.match(
        check('hostAliases:\n- {ip: 10.0.0.1, hostnames: [Bad_Host]}')[0],
        /^10:32-10:40 invalid-value spec.hostAliases.hostnames: Invalid value: "Bad_Host"/,
      );
      assert.match(
        check('hostAliases:\n- {ip: 10.0.0.1, hostnames: [Bad_Host]}', '1.30')[0],
        /^10:32-10:40 invalid-value spec.hostAliases\[0\].hostnames\[0\]: Invalid value: "Bad_Host"/,
      );
    });
  });

  describe('rules after 1.20', () => {
    it('validateSchedulingGates (1.27+): qualified names, no duplicates; ValidatePodCreate: no nodeName while gated', () => {
      const spec = 'nodeName: n1\nschedulingGates:\n- name: example.com/gate\n- name: example.com/gate';
      assert.deepEqual(check(spec, '1.27'), [
        '9:3-9:11 forbidden spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
        '12:11-12:27 duplicate-value spec.schedulingGates[1]: Duplicate value: "example.com/gate"',
      ]);
    });

    it('validateOS (1.24+): validateLinux forbids windowsOptions, validateWindows Linux-only settings', () => {
      assert.deepEqual(check('os: {name: linux}\nsecurityContext:\n  windowsOptions: {runAsUserName: u}', '1.24'), [
        '11:5-11:19 forbidden spec.securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod',
      ]);
      assert.deepEqual(check('os: {name: windows}\nhostPID: true\nsecurityContext:\n  runAsUser: 1000', '1.24'), [
        '10:3-10:10 forbidden spec.hostPID: Forbidden: cannot be set for a windows pod',
        '12:5-12:14 forbidden spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod',
      ]);
    });

    it('validatePodResourceClaims (1.34+): unique DNS-label names, exactly one source', () => {
      const spec = 'resourceClaims:\n- {name: gpu, resourceClaimName: a, resourceClaimTemplateName: b}\n- {name: gpu}';
      assert.deepEqual(check(spec, '1.33'), []);
      assert.deepEqual(check(spec, '1.34'), [
        '10:6-10:10 invalid-value spec.resourceClaims[0]: Invalid value: core.PodResourceClaim{Name:"gpu", ResourceClaimName:(*string)(0xc000000000), ResourceClaimTemplateName:(*string)(0xc000000000)}: at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified',
        '11:6-11:10 invalid-value spec.resourceClaims[1]: Invalid value: core.PodResourceClaim{Name:"gpu", ResourceClaimName:(*string)(nil), ResourceClaimTemplateName:(*string)(nil)}: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`',
        '11:12-11:15 duplicate-value spec.resourceClaims[1].name: Duplicate value: "gpu"',
      ]);
    });

    it('ValidatePodSpecificAnnotations (1.23+, PodDeletionCost beta): the pod-deletion-cost annotation is a 32-bit integer', () => {
      const text = (v: string) =>
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    controller.kubernetes.io/pod-deletion-cost: "${v}"\nspec:\n  containers: [{name: app, image: nginx}]\n`;
      const got = checker({ pod: text });
      assert.deepEqual(got('+10', '1.20'), []);
      assert.deepEqual(got('-10', '1.23'), []);
      assert.deepEqual(got('+10', '1.23'), [
        '6:49-6:54 invalid-value metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+10": must be a 32bit integer',
      ]);
      assert.deepEqual(got('2147483648', '1.23').length, 1);
    });

    it('validateHostUsers (1.33+): hostUsers false rules out host namespaces', () => {
      const spec = 'hostUsers: false\nhostNetwork: true\nhostPID: true';
      assert.deepEqual(check(spec, '1.32'), []);
      assert.deepEqual(check(spec, '1.33'), [
        '10:3-10:14 forbidden spec.hostNetwork: Forbidden: when `hostUsers` is false',
        '11:3-11:10 forbidden spec.HostPID: Forbidden: when `hostUsers` is false',
      ]);
    });
  });
});
