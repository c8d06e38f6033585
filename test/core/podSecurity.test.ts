/**
 * Pod Security Admission, offline: every check of k8s.io/pod-security-admission (package policy)
 * and every revision in force from 1.23 to 1.35, on each side of its boundary, as the editor shows
 * it: one diagnostic per fault, on the field at fault, with the server's reason and the detail the
 * server would give for that fault alone (the reasons and details of policy/check_*_test.go).
 * Then: several containers, a workload's template, the namespace's labels, `latest` and later
 * versions, and a Pod that fails other validation too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-types';
import { parsePodSecuritySetting } from '../../server/src/service/podSecurity';
import { brief, doc, service, withCursor, yaml } from '../helpers/service';

/** A service that checks every document against `policy` (`restricted:1.30`, `baseline:v1.35`, `baseline:latest`). */
function serviceAt(policy: string) {
  const svc = service();
  const setting = parsePodSecuritySetting(policy);
  if (setting?.mode !== 'fixed') throw new Error(`not a level: ${policy}`);
  svc.setPodSecurity(setting);
  return svc;
}

const isPodSecurity = (d: { code?: string | number }) => String(d.code).startsWith('pod-security/');

/** The Pod Security diagnostics of `text` under `policy` (the schema's and the API server's left out). */
const psa = (text: string, policy: string) => serviceAt(policy).validate(doc(text)).filter(isPodSecurity).map(brief);

/** YAML indented by `by` spaces, line by line. */
const indent = (text: string | undefined, by: number) => (text === undefined ? [] : text.split('\n').map((l) => ' '.repeat(by) + l));

interface Change {
  /** Added under metadata.annotations (written only when given). */
  annotations?: string;
  /** Added to the container's securityContext. */
  securityContext?: string;
  /** Added to the container. */
  container?: string;
  /** Added to the Pod's securityContext. */
  podSecurityContext?: string;
  /** Added to the Pod's spec. */
  spec?: string;
  /** Keys of the compliant settings to leave out: `allowPrivilegeEscalation`, `capabilities`, `runAsNonRoot`, `seccompProfile`. */
  without?: string[];
}

/**
 * A Pod that passes restricted at every version, with one change. Without annotations its lines are:
 *
 *      1 apiVersion: v1
 *      2 kind: Pod
 *      3 metadata:
 *      4   name: web
 *      5 spec:
 *      6   containers:
 *      7   - name: app
 *      8     image: nginx
 *      9     securityContext:
 *     10       allowPrivilegeEscalation: false
 *     11       capabilities: {drop: [ALL]}
 *            (+ securityContext, + container)
 *     12   securityContext:
 *     13     runAsNonRoot: true
 *     14     seccompProfile: {type: RuntimeDefault}
 *            (+ podSecurityContext, + spec)
 */
function pod(c: Change = {}): string {
  const kept = (line: string) => !c.without?.some((key) => line.trim().startsWith(`${key}:`));
  const containerSettings = [...['      allowPrivilegeEscalation: false', '      capabilities: {drop: [ALL]}'].filter(kept), ...indent(c.securityContext, 6)];
  const podSettings = [...['    runAsNonRoot: true', '    seccompProfile: {type: RuntimeDefault}'].filter(kept), ...indent(c.podSecurityContext, 4)];
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    ...(c.annotations ? ['  annotations:', ...indent(c.annotations, 4)] : []),
    'spec:',
    '  containers:',
    '  - name: app',
    '    image: nginx',
    ...(containerSettings.length > 0 ? ['    securityContext:', ...containerSettings] : []),
    ...indent(c.container, 4),
    ...(podSettings.length > 0 ? ['  securityContext:', ...podSettings] : []),
    ...indent(c.spec, 2),
    '',
  ].join('\n');
}

const windows = 'os: {name: windows}';

describe('the compliant Pod', () => {
  it('passes restricted at every version from 1.22 to 1.35, and latest', () => {
    for (let minor = 22; minor <= 35; minor++) assert.deepEqual(psa(pod(), `restricted:1.${minor}`), [], `1.${minor}`);
    assert.deepEqual(psa(pod(), 'restricted:latest'), []);
  });

  it('the setting names a level and a version', () => {
    assert.deepEqual(parsePodSecuritySetting('restricted:1.30'), { mode: 'fixed', level: { level: 'restricted', version: 30 } });
    assert.deepEqual(parsePodSecuritySetting('baseline:v1.27'), { mode: 'fixed', level: { level: 'baseline', version: 27 } });
    assert.deepEqual(parsePodSecuritySetting('restricted'), { mode: 'fixed', level: { level: 'restricted', version: 'latest' } });
  });

  it('a Pod that fails enforce gets errors', () => {
    const svc = serviceAt('restricted:1.30');
    const found = svc.validate(doc(pod({ securityContext: 'privileged: true' }))).filter(isPodSecurity);
    assert.deepEqual(
      found.map((d) => d.severity),
      [DiagnosticSeverity.Error],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Baseline checks
// ---------------------------------------------------------------------------------------------

describe('appArmorProfile (check_appArmorProfile.go, 1.0)', () => {
  it('RuntimeDefault and Localhost types, and runtime/default, localhost/ and empty annotations pass', () => {
    const allowed = pod({
      annotations: [
        'container.apparmor.security.beta.kubernetes.io/app: runtime/default',
        'container.apparmor.security.beta.kubernetes.io/b: localhost/my-profile',
        'container.apparmor.security.beta.kubernetes.io/c: ""',
      ].join('\n'),
      securityContext: 'appArmorProfile: {type: Localhost, localhostProfile: my-profile}',
      podSecurityContext: 'appArmorProfile: {type: RuntimeDefault}',
    });
    assert.deepEqual(psa(allowed, 'baseline:1.23'), []);
    assert.deepEqual(psa(allowed, 'restricted:1.35'), []);
  });

  it('Unconfined on the Pod and on the container: one fault each', () => {
    const text = pod({ securityContext: 'appArmorProfile: {type: Unconfined}', podSecurityContext: 'appArmorProfile: {type: Unconfined}' });
    const expected = (lv: string) => [
      `12:31-12:41 pod-security/appArmorProfile violates PodSecurity "${lv}": forbidden AppArmor profile (container "app" must not set AppArmor profile type to "Unconfined")`,
      `16:29-16:39 pod-security/appArmorProfile violates PodSecurity "${lv}": forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")`,
    ];
    assert.deepEqual(psa(text, 'baseline:1.23'), expected('baseline:v1.23'));
    assert.deepEqual(psa(text, 'restricted:1.35'), expected('restricted:v1.35'));
  });

  it("two annotations: the reason is the whole check's (plural), each detail names its own annotation", () => {
    const text = pod({
      annotations: 'container.apparmor.security.beta.kubernetes.io/app: unconfined\ncontainer.apparmor.security.beta.kubernetes.io/sidecar: foo',
    });
    assert.deepEqual(psa(text, 'baseline:1.23'), [
      '6:57-6:67 pod-security/appArmorProfile violates PodSecurity "baseline:v1.23": forbidden AppArmor profiles (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined"")',
      '7:61-7:64 pod-security/appArmorProfile violates PodSecurity "baseline:v1.23": forbidden AppArmor profiles (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/sidecar="foo"")',
    ]);
  });

  it('an unconfined annotation: the annotation is named, with its value', () => {
    const text = pod({ annotations: 'container.apparmor.security.beta.kubernetes.io/app: unconfined' });
    assert.deepEqual(psa(text, 'baseline:1.35'), [
      '6:57-6:67 pod-security/appArmorProfile violates PodSecurity "baseline:v1.35": forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined"")',
    ]);
  });
});

describe('capabilities_baseline (check_capabilities_baseline.go, 1.0; restricted replaces it)', () => {
  it('the default capabilities pass baseline', () => {
    const text = pod({ without: ['capabilities'], securityContext: 'capabilities: {add: [NET_BIND_SERVICE, CHOWN, SYS_CHROOT]}' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'baseline:1.35'), []);
  });

  it('a capability outside the defaults: on the list item', () => {
    const text = pod({ without: ['capabilities'], securityContext: 'capabilities: {add: [CHOWN, SYS_ADMIN]}' });
    for (const version of ['1.23', '1.35']) {
      assert.deepEqual(psa(text, `baseline:${version}`), [
        `11:35-11:44 pod-security/capabilities_baseline violates PodSecurity "baseline:v${version}": non-default capabilities (container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add)`,
      ]);
    }
  });
});

describe('hostNamespaces (check_hostNamespaces.go, 1.0)', () => {
  it('false passes', () => {
    const text = pod({ spec: 'hostNetwork: false\nhostPID: false\nhostIPC: false' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('each host namespace is a fault of its own', () => {
    const text = pod({ spec: 'hostNetwork: true\nhostPID: true\nhostIPC: true' });
    for (const lv of ['baseline:v1.23', 'restricted:v1.35']) {
      assert.deepEqual(psa(text, lv), [
        `15:16-15:20 pod-security/hostNamespaces violates PodSecurity "${lv}": host namespaces (hostNetwork=true)`,
        `16:12-16:16 pod-security/hostNamespaces violates PodSecurity "${lv}": host namespaces (hostPID=true)`,
        `17:12-17:16 pod-security/hostNamespaces violates PodSecurity "${lv}": host namespaces (hostIPC=true)`,
      ]);
    }
  });
});

describe('hostPathVolumes (check_hostPathVolumes.go, 1.0; restricted replaces it with restrictedVolumes)', () => {
  it('an emptyDir passes', () => {
    const text = pod({ spec: 'volumes:\n- name: data\n  emptyDir: {}' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'baseline:1.35'), []);
  });

  it('a hostPath volume: on its hostPath key', () => {
    const text = pod({ spec: 'volumes:\n- name: data\n  hostPath: {path: /var/run}' });
    for (const version of ['1.23', '1.35']) {
      assert.deepEqual(psa(text, `baseline:${version}`), [
        `17:5-17:13 pod-security/hostPathVolumes violates PodSecurity "baseline:v${version}": hostPath volumes (volume "data")`,
      ]);
    }
  });
});

describe('hostPorts (check_hostPorts.go, 1.0)', () => {
  it('a containerPort alone, or hostPort 0, passes', () => {
    const text = pod({ container: 'ports:\n- containerPort: 80\n- containerPort: 81\n  hostPort: 0' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('a hostPort: on its value', () => {
    const text = pod({ container: 'ports:\n- containerPort: 80\n  hostPort: 8080' });
    for (const lv of ['baseline:v1.23', 'restricted:v1.35']) {
      assert.deepEqual(psa(text, lv), [`14:17-14:21 pod-security/hostPorts violates PodSecurity "${lv}": hostPort (container "app" uses hostPort 8080)`]);
    }
  });
});

describe('hostProbesAndHostLifecycle (check_hostProbesAndhostLifecycle.go, from 1.34)', () => {
  const probing = pod({
    container: 'livenessProbe:\n  httpGet: {host: localhost, port: 8080}\nlifecycle:\n  preStop:\n    tcpSocket: {host: 10.0.0.1, port: 80}',
  });

  it('1.33: a probe or handler host is allowed', () => {
    assert.deepEqual(psa(probing, 'baseline:1.33'), []);
    assert.deepEqual(psa(probing, 'restricted:1.33'), []);
  });

  it('1.34: each host is a fault, on its value', () => {
    assert.deepEqual(psa(probing, 'baseline:1.34'), [
      '13:23-13:32 pod-security/hostProbesAndHostLifecycle violates PodSecurity "baseline:v1.34": probe or lifecycle host (container "app" uses probe or lifecycle host "localhost")',
      '16:27-16:35 pod-security/hostProbesAndHostLifecycle violates PodSecurity "baseline:v1.34": probe or lifecycle host (container "app" uses probe or lifecycle host "10.0.0.1")',
    ]);
  });

  it('1.34: probes and handlers without a host pass', () => {
    const text = pod({ container: 'livenessProbe:\n  httpGet: {port: 8080}\nlifecycle:\n  preStop:\n    tcpSocket: {port: 80}' });
    assert.deepEqual(psa(text, 'baseline:1.34'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });
});

describe('privileged (check_privileged.go, 1.0)', () => {
  it('privileged: false passes', () => {
    const text = pod({ securityContext: 'privileged: false' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('privileged: true, on its value', () => {
    const text = pod({ securityContext: 'privileged: true' });
    for (const lv of ['baseline:v1.23', 'restricted:v1.35']) {
      assert.deepEqual(psa(text, lv), [
        `12:19-12:23 pod-security/privileged violates PodSecurity "${lv}": privileged (container "app" must not set securityContext.privileged=true)`,
      ]);
    }
  });
});

describe('procMount (check_procMount_baseline.go: 1.0, 1.35 exempts hostUsers: false) and procMount_restricted (1.35)', () => {
  const unmasked = pod({ securityContext: 'procMount: Unmasked' });
  const unmaskedInUserNamespace = pod({ securityContext: 'procMount: Unmasked', spec: 'hostUsers: false' });
  const fault = (id: string, lv: string) =>
    `12:18-12:26 pod-security/${id} violates PodSecurity "${lv}": procMount (container "app" must not set securityContext.procMount to "Unmasked")`;

  it('procMount: Default passes', () => {
    const text = pod({ securityContext: 'procMount: Default' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('1.34: Unmasked is refused, in a user namespace too', () => {
    assert.deepEqual(psa(unmasked, 'baseline:1.34'), [fault('procMount', 'baseline:v1.34')]);
    assert.deepEqual(psa(unmaskedInUserNamespace, 'baseline:1.34'), [fault('procMount', 'baseline:v1.34')]);
    assert.deepEqual(psa(unmaskedInUserNamespace, 'restricted:1.34'), [fault('procMount', 'restricted:v1.34')]);
  });

  it('1.35 baseline: Unmasked is refused unless the Pod sets hostUsers: false', () => {
    assert.deepEqual(psa(unmasked, 'baseline:1.35'), [fault('procMount', 'baseline:v1.35')]);
    assert.deepEqual(psa(unmaskedInUserNamespace, 'baseline:1.35'), []);
  });

  it('1.35 restricted: procMount_restricted replaces procMount and exempts nothing', () => {
    assert.deepEqual(psa(unmasked, 'restricted:1.35'), [fault('procMount_restricted', 'restricted:v1.35')]);
    assert.deepEqual(psa(unmaskedInUserNamespace, 'restricted:1.35'), [fault('procMount_restricted', 'restricted:v1.35')]);
  });
});

describe('seLinuxOptions (check_seLinuxOptions.go: 1.0, 1.31 allows container_engine_t)', () => {
  const engine = pod({ securityContext: 'seLinuxOptions: {type: container_engine_t}' });

  it('the container types, and level, pass', () => {
    const text = pod({
      securityContext: 'seLinuxOptions: {type: container_init_t, level: "s0:c123,c456"}',
      podSecurityContext: 'seLinuxOptions: {type: container_t}',
    });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('1.30: container_engine_t is refused', () => {
    assert.deepEqual(psa(engine, 'baseline:1.30'), [
      '12:30-12:48 pod-security/seLinuxOptions violates PodSecurity "baseline:v1.30": seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "container_engine_t")',
    ]);
  });

  it('1.31: container_engine_t passes', () => {
    assert.deepEqual(psa(engine, 'baseline:1.31'), []);
    assert.deepEqual(psa(engine, 'restricted:1.31'), []);
  });

  it('1.31: another type, a user or a role is refused, each on its own field', () => {
    const text = pod({ securityContext: 'seLinuxOptions: {type: spc_t}', podSecurityContext: 'seLinuxOptions: {user: system_u, role: system_r}' });
    assert.deepEqual(psa(text, 'baseline:1.31'), [
      '12:30-12:35 pod-security/seLinuxOptions violates PodSecurity "baseline:v1.31": seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "spc_t")',
      '16:28-16:36 pod-security/seLinuxOptions violates PodSecurity "baseline:v1.31": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: user may not be set)',
      '16:44-16:52 pod-security/seLinuxOptions violates PodSecurity "baseline:v1.31": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: role may not be set)',
    ]);
  });
});

describe('seccompProfile_baseline (check_seccompProfile_baseline.go, 1.19; restricted replaces it)', () => {
  it('no profile, RuntimeDefault and Localhost pass baseline', () => {
    const text = pod({ without: ['seccompProfile'], securityContext: 'seccompProfile: {type: Localhost, localhostProfile: my.json}' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(pod({ without: ['seccompProfile'] }), 'baseline:1.35'), []);
  });

  it('since 1.19 the seccomp annotations are not read', () => {
    const text = pod({ annotations: 'seccomp.security.alpha.kubernetes.io/pod: unconfined\ncontainer.seccomp.security.alpha.kubernetes.io/app: unconfined' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
  });

  it('Unconfined on the Pod and on the container', () => {
    const text = pod({
      without: ['seccompProfile'],
      securityContext: 'seccompProfile: {type: Unconfined}',
      podSecurityContext: 'seccompProfile: {type: Unconfined}',
    });
    for (const version of ['1.23', '1.35']) {
      assert.deepEqual(psa(text, `baseline:${version}`), [
        `12:30-12:40 pod-security/seccompProfile_baseline violates PodSecurity "baseline:v${version}": seccompProfile (container "app" must not set securityContext.seccompProfile.type to "Unconfined")`,
        `15:28-15:38 pod-security/seccompProfile_baseline violates PodSecurity "baseline:v${version}": seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")`,
      ]);
    }
  });
});

describe('sysctls (check_sysctls.go: 1.0, 1.27, 1.29, 1.32 allow more names)', () => {
  const withSysctl = (name: string) => pod({ podSecurityContext: `sysctls:\n- name: ${name}\n  value: "1"` });
  const fault = (name: string, lv: string) => `16:13-16:${13 + name.length} pod-security/sysctls violates PodSecurity "${lv}": forbidden sysctls (${name})`;

  it('the 1.0 names pass at 1.23', () => {
    for (const name of [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ]) {
      assert.deepEqual(psa(withSysctl(name), 'baseline:1.23'), [], name);
    }
  });

  it('net.ipv4.ip_local_reserved_ports: refused at 1.26, allowed at 1.27', () => {
    const text = withSysctl('net.ipv4.ip_local_reserved_ports');
    assert.deepEqual(psa(text, 'baseline:1.26'), [fault('net.ipv4.ip_local_reserved_ports', 'baseline:v1.26')]);
    assert.deepEqual(psa(text, 'baseline:1.27'), []);
  });

  it('the tcp_keepalive_* and tcp_fin_timeout names: refused at 1.28, allowed at 1.29', () => {
    for (const name of ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']) {
      assert.deepEqual(psa(withSysctl(name), 'baseline:1.28'), [fault(name, 'baseline:v1.28')], name);
      assert.deepEqual(psa(withSysctl(name), 'baseline:1.29'), [], name);
    }
  });

  it('net.ipv4.tcp_rmem and tcp_wmem: refused at 1.31, allowed at 1.32', () => {
    for (const name of ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']) {
      assert.deepEqual(psa(withSysctl(name), 'restricted:1.31'), [fault(name, 'restricted:v1.31')], name);
      assert.deepEqual(psa(withSysctl(name), 'restricted:1.32'), [], name);
    }
  });

  it('a name outside the list is refused at 1.35; each name a fault of its own', () => {
    const text = pod({
      podSecurityContext: 'sysctls:\n- name: kernel.msgmax\n  value: "1"\n- name: net.ipv4.tcp_rmem\n  value: "1"\n- name: net.core.somaxconn\n  value: "1"',
    });
    assert.deepEqual(psa(text, 'baseline:1.35'), [
      '16:13-16:26 pod-security/sysctls violates PodSecurity "baseline:v1.35": forbidden sysctls (kernel.msgmax)',
      '20:13-20:31 pod-security/sysctls violates PodSecurity "baseline:v1.35": forbidden sysctls (net.core.somaxconn)',
    ]);
  });
});

describe('windowsHostProcess (check_windowsHostProcess.go, 1.0)', () => {
  it('hostProcess: false passes', () => {
    const text = pod({ securityContext: 'windowsOptions: {hostProcess: false}', podSecurityContext: 'windowsOptions: {hostProcess: false}' });
    assert.deepEqual(psa(text, 'baseline:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('hostProcess: true on the Pod and on the container', () => {
    const text = pod({ securityContext: 'windowsOptions: {hostProcess: true}', podSecurityContext: 'windowsOptions: {hostProcess: true}' });
    for (const lv of ['baseline:v1.23', 'restricted:v1.35']) {
      assert.deepEqual(psa(text, lv), [
        `12:37-12:41 pod-security/windowsHostProcess violates PodSecurity "${lv}": hostProcess (container "app" must not set securityContext.windowsOptions.hostProcess=true)`,
        `16:35-16:39 pod-security/windowsHostProcess violates PodSecurity "${lv}": hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)`,
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Restricted checks
// ---------------------------------------------------------------------------------------------

describe('allowPrivilegeEscalation (check_allowPrivilegeEscalation.go: 1.8, 1.25 exempts Windows Pods)', () => {
  const unset = pod({ without: ['allowPrivilegeEscalation'] });
  const windowsUnset = pod({ without: ['allowPrivilegeEscalation'], spec: windows });

  it('unset: refused, on the securityContext that lacks it', () => {
    for (const version of ['1.23', '1.35']) {
      assert.deepEqual(psa(unset, `restricted:${version}`), [
        `9:5-9:20 pod-security/allowPrivilegeEscalation violates PodSecurity "restricted:v${version}": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)`,
      ]);
    }
  });

  it('true: refused, on the value', () => {
    const text = pod({ without: ['allowPrivilegeEscalation'], securityContext: 'allowPrivilegeEscalation: true' });
    assert.deepEqual(psa(text, 'restricted:1.25'), [
      '11:33-11:37 pod-security/allowPrivilegeEscalation violates PodSecurity "restricted:v1.25": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
    ]);
  });

  it('a Windows Pod: refused at 1.24, exempt at 1.25', () => {
    assert.deepEqual(psa(windowsUnset, 'restricted:1.24'), [
      '9:5-9:20 pod-security/allowPrivilegeEscalation violates PodSecurity "restricted:v1.24": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
    ]);
    assert.deepEqual(psa(windowsUnset, 'restricted:1.25'), []);
  });

  it('baseline does not run it', () => {
    assert.deepEqual(psa(unset, 'baseline:1.35'), []);
  });
});

describe('capabilities_restricted (check_capabilities_restricted.go: 1.22, 1.25 exempts Windows Pods)', () => {
  const windowsNoDrop = pod({ without: ['capabilities'], spec: windows });

  it('drop ALL and add NET_BIND_SERVICE pass', () => {
    const text = pod({ without: ['capabilities'], securityContext: 'capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}' });
    assert.deepEqual(psa(text, 'restricted:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('no capabilities: refused, on the securityContext that lacks them', () => {
    assert.deepEqual(psa(pod({ without: ['capabilities'] }), 'restricted:1.23'), [
      '9:5-9:20 pod-security/capabilities_restricted violates PodSecurity "restricted:v1.23": unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
    ]);
  });

  it('a drop without ALL, and an added capability (a default one too): one fault each', () => {
    const text = pod({ without: ['capabilities'], securityContext: 'capabilities: {drop: [NET_RAW], add: [CHOWN]}' });
    assert.deepEqual(psa(text, 'restricted:1.35'), [
      '11:22-11:26 pod-security/capabilities_restricted violates PodSecurity "restricted:v1.35": unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
      '11:45-11:50 pod-security/capabilities_restricted violates PodSecurity "restricted:v1.35": unrestricted capabilities (container "app" must not include "CHOWN" in securityContext.capabilities.add)',
    ]);
    // capabilities_baseline is replaced: CHOWN is one of its defaults, and SYS_ADMIN is not said twice.
    const sysAdmin = pod({ without: ['capabilities'], securityContext: 'capabilities: {drop: [ALL], add: [SYS_ADMIN]}' });
    assert.deepEqual(psa(sysAdmin, 'restricted:1.35'), [
      '11:41-11:50 pod-security/capabilities_restricted violates PodSecurity "restricted:v1.35": unrestricted capabilities (container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
    ]);
  });

  it('a Windows Pod: refused at 1.24, exempt at 1.25', () => {
    assert.deepEqual(psa(windowsNoDrop, 'restricted:1.24'), [
      '9:5-9:20 pod-security/capabilities_restricted violates PodSecurity "restricted:v1.24": unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
    ]);
    assert.deepEqual(psa(windowsNoDrop, 'restricted:1.25'), []);
  });
});

describe('restrictedVolumes (check_restrictedVolumes.go, 1.0; replaces hostPathVolumes)', () => {
  it('the allowed volume sources pass', () => {
    const text = pod({
      spec: [
        'volumes:',
        '- {name: a, configMap: {name: cm}}',
        '- {name: b, secret: {secretName: s}}',
        '- {name: c, emptyDir: {}}',
        '- {name: d, downwardAPI: {items: []}}',
        '- {name: e, persistentVolumeClaim: {claimName: pvc}}',
        '- {name: f, projected: {sources: []}}',
        '- {name: g, csi: {driver: d}}',
        '- {name: h, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}',
      ].join('\n'),
    });
    assert.deepEqual(psa(text, 'restricted:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('a volume with no source passes: the API server defaults it to an emptyDir (SetDefaults_Volume) before admission', () => {
    assert.deepEqual(psa(pod({ spec: 'volumes:\n- name: scratch' }), 'restricted:1.35'), []);
  });

  it('nfs and hostPath: restrictedVolumes names each on its source key (hostPathVolumes does not run)', () => {
    const text = pod({ spec: 'volumes:\n- name: shared\n  nfs: {server: nfs.local, path: /}\n- name: host\n  hostPath: {path: /var/run}' });
    for (const version of ['1.23', '1.35']) {
      assert.deepEqual(psa(text, `restricted:${version}`), [
        `17:5-17:8 pod-security/restrictedVolumes violates PodSecurity "restricted:v${version}": restricted volume types (volume "shared" uses restricted volume type "nfs")`,
        `19:5-19:13 pod-security/restrictedVolumes violates PodSecurity "restricted:v${version}": restricted volume types (volume "host" uses restricted volume type "hostPath")`,
      ]);
    }
    // Baseline refuses only the hostPath one.
    assert.deepEqual(psa(text, 'baseline:1.35'), [
      '19:5-19:13 pod-security/hostPathVolumes violates PodSecurity "baseline:v1.35": hostPath volumes (volume "host")',
    ]);
  });
});

describe('runAsNonRoot (check_runAsNonRoot.go: 1.0, 1.35 exempts hostUsers: false)', () => {
  const unset = pod({ without: ['runAsNonRoot'] });
  const unsetInUserNamespace = pod({ without: ['runAsNonRoot'], spec: 'hostUsers: false' });

  it('true on the container instead of the Pod passes', () => {
    const text = pod({ without: ['runAsNonRoot'], securityContext: 'runAsNonRoot: true' });
    assert.deepEqual(psa(text, 'restricted:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('unset on the Pod and the container: refused, on the container', () => {
    assert.deepEqual(psa(unset, 'restricted:1.35'), [
      '9:5-9:20 pod-security/runAsNonRoot violates PodSecurity "restricted:v1.35": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
    ]);
  });

  it('false on the Pod: refused, on the value', () => {
    const text = pod({ without: ['runAsNonRoot'], podSecurityContext: 'runAsNonRoot: false' });
    assert.deepEqual(psa(text, 'restricted:1.23'), [
      '14:19-14:24 pod-security/runAsNonRoot violates PodSecurity "restricted:v1.23": runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)',
    ]);
  });

  it('hostUsers: false: refused at 1.34, exempt at 1.35', () => {
    assert.deepEqual(psa(unsetInUserNamespace, 'restricted:1.34'), [
      '9:5-9:20 pod-security/runAsNonRoot violates PodSecurity "restricted:v1.34": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
    ]);
    assert.deepEqual(psa(unsetInUserNamespace, 'restricted:1.35'), []);
  });
});

describe('runAsUser (check_runAsUser.go: 1.23, 1.35 exempts hostUsers: false)', () => {
  const root = pod({ securityContext: 'runAsUser: 0', podSecurityContext: 'runAsUser: 0' });
  const rootInUserNamespace = pod({ securityContext: 'runAsUser: 0', podSecurityContext: 'runAsUser: 0', spec: 'hostUsers: false' });
  const faults = (lv: string) => [
    `12:18-12:19 pod-security/runAsUser violates PodSecurity "${lv}": runAsUser=0 (container "app" must not set runAsUser=0)`,
    `16:16-16:17 pod-security/runAsUser violates PodSecurity "${lv}": runAsUser=0 (pod must not set runAsUser=0)`,
  ];

  it('1.22: not checked yet', () => {
    assert.deepEqual(psa(root, 'restricted:1.22'), []);
  });

  it('1.23: runAsUser 0 is refused on the Pod and on the container; another uid passes', () => {
    assert.deepEqual(psa(root, 'restricted:1.23'), faults('restricted:v1.23'));
    assert.deepEqual(psa(pod({ securityContext: 'runAsUser: 1000' }), 'restricted:1.23'), []);
  });

  it('hostUsers: false: refused at 1.34, exempt at 1.35', () => {
    assert.deepEqual(psa(rootInUserNamespace, 'restricted:1.34'), faults('restricted:v1.34'));
    assert.deepEqual(psa(rootInUserNamespace, 'restricted:1.35'), []);
    assert.deepEqual(psa(root, 'restricted:1.35'), faults('restricted:v1.35'));
  });
});

describe('seccompProfile_restricted (check_seccompProfile_restricted.go: 1.19, 1.25 exempts Windows Pods; replaces seccompProfile_baseline)', () => {
  const unset = pod({ without: ['seccompProfile'] });
  const windowsUnset = pod({ without: ['seccompProfile'], spec: windows });

  it('Localhost on the container instead of the Pod passes', () => {
    const text = pod({ without: ['seccompProfile'], securityContext: 'seccompProfile: {type: Localhost, localhostProfile: my.json}' });
    assert.deepEqual(psa(text, 'restricted:1.23'), []);
    assert.deepEqual(psa(text, 'restricted:1.35'), []);
  });

  it('unset: refused, on the container', () => {
    assert.deepEqual(psa(unset, 'restricted:1.23'), [
      '9:5-9:20 pod-security/seccompProfile_restricted violates PodSecurity "restricted:v1.23": seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });

  it('Unconfined on the container: refused once, as seccompProfile_restricted', () => {
    const text = pod({ securityContext: 'seccompProfile: {type: Unconfined}' });
    assert.deepEqual(psa(text, 'restricted:1.35'), [
      '12:30-12:40 pod-security/seccompProfile_restricted violates PodSecurity "restricted:v1.35": seccompProfile (container "app" must not set securityContext.seccompProfile.type to "Unconfined")',
    ]);
  });

  it('a Windows Pod: refused at 1.24, exempt at 1.25', () => {
    assert.deepEqual(psa(windowsUnset, 'restricted:1.24'), [
      '9:5-9:20 pod-security/seccompProfile_restricted violates PodSecurity "restricted:v1.24": seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
    assert.deepEqual(psa(windowsUnset, 'restricted:1.25'), []);
  });
});

// ---------------------------------------------------------------------------------------------
// Several containers, workloads, namespaces, versions
// ---------------------------------------------------------------------------------------------

describe('several containers in one check (init, regular and ephemeral: visitor.go visitContainers)', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      initContainers:
      - name: init
        image: busybox
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
          privileged: true
      containers:
      - name: a
        image: nginx
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
        ports:
        - containerPort: 80
          hostPort: 80
        - containerPort: 443
          hostPort: 443
      - name: b
        image: nginx
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
          privileged: true
      ephemeralContainers:
      - name: debug
        image: busybox
        securityContext:
          privileged: true
  `;

  it('one diagnostic per fault, each with its own singular detail', () => {
    assert.deepEqual(psa(text, 'baseline:1.35'), [
      '15:19-15:23 pod-security/privileged violates PodSecurity "baseline:v1.35": privileged (container "init" must not set securityContext.privileged=true)',
      '24:17-24:19 pod-security/hostPorts violates PodSecurity "baseline:v1.35": hostPort (container "a" uses hostPort 80)',
      '26:17-26:20 pod-security/hostPorts violates PodSecurity "baseline:v1.35": hostPort (container "a" uses hostPort 443)',
      '32:19-32:23 pod-security/privileged violates PodSecurity "baseline:v1.35": privileged (container "b" must not set securityContext.privileged=true)',
      '37:19-37:23 pod-security/privileged violates PodSecurity "baseline:v1.35": privileged (container "debug" must not set securityContext.privileged=true)',
    ]);
  });

  it("the hover gives the server's whole answer, in the plural", () => {
    const marked = text.replace('hostPort: 443', 'hostPort: 4|43');
    const { text: t, position } = withCursor(marked);
    const h = serviceAt('baseline:1.35').hover(doc(t), position);
    const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
    assert.ok(
      value.includes(
        'pods "web" is forbidden: violates PodSecurity "baseline:v1.35": hostPort (container "a" uses hostPorts 443, 80), privileged (containers "init", "b", "debug" must not set securityContext.privileged=true)',
      ),
      value,
    );
  });
});

describe('a workload: its template', () => {
  const deployment = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: prod
    spec:
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: app
            image: nginx
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
              privileged: true
          securityContext:
            seccompProfile: {type: RuntimeDefault}
  `;
  const refusal = '\nThe namespace enforces "restricted:v1.30": the Pods of this Deployment will be refused (FailedCreate).';

  it('warnings under spec.template, each saying that enforce refuses the Pods', () => {
    const found = serviceAt('restricted:1.30').validate(doc(deployment)).filter(isPodSecurity);
    assert.deepEqual(found.map(brief), [
      `16:9-16:24 pod-security/runAsNonRoot would violate PodSecurity "restricted:v1.30": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)${refusal}`,
      `19:23-19:27 pod-security/privileged would violate PodSecurity "restricted:v1.30": privileged (container "app" must not set securityContext.privileged=true)${refusal}`,
    ]);
    assert.deepEqual(
      found.map((d) => d.severity),
      [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning],
    );
  });
});

describe('the namespace labels (a Namespace document in the same file)', () => {
  const namespace = (labels: string) => ['apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: prod', '  labels:', ...indent(labels, 4), ''].join('\n');
  const inNamespace = (ns: string, text: string) => text.replace('  name: web\n', `  name: web\n  namespace: ${ns}\n`);
  const validate = (text: string) => {
    const svc = service();
    svc.setPodSecurity({ mode: 'namespace' });
    return svc.validate(doc(text)).filter(isPodSecurity);
  };
  const enforceBaselineWarnRestricted = namespace('pod-security.kubernetes.io/enforce: baseline\npod-security.kubernetes.io/warn: restricted');
  const privileged = pod({ securityContext: 'privileged: true', without: ['runAsNonRoot'] });
  const notRestricted = pod({ without: ['runAsNonRoot'] });

  it('a Pod that fails enforce gets errors for enforce only (no warnings on a refused request)', () => {
    const found = validate(`${enforceBaselineWarnRestricted}---\n${inNamespace('prod', privileged)}`);
    assert.deepEqual(found.map(brief), [
      '21:19-21:23 pod-security/privileged violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    ]);
    assert.deepEqual(
      found.map((d) => d.severity),
      [DiagnosticSeverity.Error],
    );
  });

  it('a Pod that passes enforce but not warn gets warnings', () => {
    const found = validate(`${enforceBaselineWarnRestricted}---\n${inNamespace('prod', notRestricted)}`);
    assert.deepEqual(found.map(brief), [
      '18:5-18:20 pod-security/runAsNonRoot would violate PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
    ]);
    assert.deepEqual(
      found.map((d) => d.severity),
      [DiagnosticSeverity.Warning],
    );
  });

  it('a Pod in another namespace, or in the default one, gets nothing', () => {
    assert.deepEqual(validate(`${enforceBaselineWarnRestricted}---\n${inNamespace('other', privileged)}`), []);
    assert.deepEqual(validate(`${enforceBaselineWarnRestricted}---\n${privileged}`), []);
  });

  it('the versions come from the -version labels', () => {
    const labels = namespace(
      'pod-security.kubernetes.io/enforce: baseline\npod-security.kubernetes.io/enforce-version: v1.30\npod-security.kubernetes.io/warn: baseline\npod-security.kubernetes.io/warn-version: v1.30',
    );
    const engine = inNamespace('prod', pod({ securityContext: 'seLinuxOptions: {type: container_engine_t}' }));
    assert.deepEqual(validate(`${labels}---\n${engine}`).map(brief), [
      '23:30-23:48 pod-security/seLinuxOptions violates PodSecurity "baseline:v1.30": seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "container_engine_t")',
    ]);
  });

  it('warn defaults to the level and version of enforce when enforce is stricter (api/helpers.go PolicyToEvaluate)', () => {
    const labels = namespace('pod-security.kubernetes.io/enforce: baseline\npod-security.kubernetes.io/enforce-version: v1.30');
    // warn is baseline:v1.30, not privileged: a Pod that passes baseline gets no warning…
    assert.deepEqual(validate(`${labels}---\n${inNamespace('prod', notRestricted)}`), []);
    // …and a workload that fails it is warned about at baseline:v1.30.
    const deployment = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: prod
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            hostNetwork: true
            containers:
            - name: app
              image: nginx
    `;
    assert.deepEqual(validate(`${labels}---\n${deployment}`).map(brief), [
      '21:20-21:24 pod-security/hostNamespaces would violate PodSecurity "baseline:v1.30": host namespaces (hostNetwork=true)\nThe namespace enforces "baseline:v1.30": the Pods of this Deployment will be refused (FailedCreate).',
    ]);
    // An explicit warn label is kept, even when laxer than enforce: the refusal alone is said.
    const warnPrivileged = namespace('pod-security.kubernetes.io/enforce: baseline\npod-security.kubernetes.io/warn: privileged');
    assert.deepEqual(validate(`${warnPrivileged}---\n${deployment}`).map(brief), [
      '21:20-21:24 pod-security/hostNamespaces host namespaces (hostNetwork=true)\nThe namespace enforces "baseline:latest": the Pods of this Deployment will be refused (FailedCreate).',
    ]);
  });

  it('a Deployment: warnings for warn, the refusal line where enforce fails too', () => {
    const deployment = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: prod
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: app
              image: nginx
              securityContext:
                allowPrivilegeEscalation: false
                capabilities: {drop: [ALL]}
                privileged: true
            securityContext:
              seccompProfile: {type: RuntimeDefault}
    `;
    const found = validate(`${enforceBaselineWarnRestricted}---\n${deployment}`);
    assert.deepEqual(found.map(brief), [
      '24:9-24:24 pod-security/runAsNonRoot would violate PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
      '27:23-27:27 pod-security/privileged would violate PodSecurity "restricted:latest": privileged (container "app" must not set securityContext.privileged=true)\nThe namespace enforces "baseline:latest": the Pods of this Deployment will be refused (FailedCreate).',
    ]);
    assert.deepEqual(
      found.map((d) => d.severity),
      [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning],
    );
  });
});

describe('latest and versions after 1.35', () => {
  const rootInUserNamespace = pod({ securityContext: 'runAsUser: 0', spec: 'hostUsers: false' });
  const unmaskedInUserNamespace = pod({ securityContext: 'procMount: Unmasked', spec: 'hostUsers: false' });

  it('evaluate as 1.35 (the hostUsers: false exemptions, procMount_restricted), named as written', () => {
    assert.deepEqual(psa(rootInUserNamespace, 'restricted:1.34'), [
      '12:18-12:19 pod-security/runAsUser violates PodSecurity "restricted:v1.34": runAsUser=0 (container "app" must not set runAsUser=0)',
    ]);
    for (const policy of ['restricted:latest', 'restricted:1.36', 'restricted:1.40']) assert.deepEqual(psa(rootInUserNamespace, policy), [], policy);
    assert.deepEqual(psa(unmaskedInUserNamespace, 'restricted:latest'), [
      '12:18-12:26 pod-security/procMount_restricted violates PodSecurity "restricted:latest": procMount (container "app" must not set securityContext.procMount to "Unmasked")',
    ]);
    assert.deepEqual(psa(unmaskedInUserNamespace, 'restricted:1.40'), [
      '12:18-12:26 pod-security/procMount_restricted violates PodSecurity "restricted:v1.40": procMount (container "app" must not set securityContext.procMount to "Unmasked")',
    ]);
  });

  // Upstream's HEAD adds a 1.37 revision (tcp_slow_start_after_idle, tcp_notsent_lowat), released
  // in no version yet (v0.37.0-alpha): every released server up to 1.36 evaluates 1.35's list, and
  // so do we, at `latest` and any later version.
  it('sysctls: latest and versions after 1.35 evaluate 1.35 (the 1.37 revision is not released)', () => {
    const name = 'net.ipv4.tcp_slow_start_after_idle';
    const text = pod({ podSecurityContext: `sysctls:\n- name: ${name}\n  value: "1"` });
    for (const policy of ['baseline:1.36', 'baseline:1.37', 'baseline:latest']) {
      const lv = policy === 'baseline:latest' ? 'baseline:latest' : `baseline:v${policy.split(':')[1]}`;
      assert.deepEqual(psa(text, policy), [`16:13-16:${13 + name.length} pod-security/sysctls violates PodSecurity "${lv}": forbidden sysctls (${name})`]);
    }
  });
});

describe('a Pod that fails other validation', () => {
  it('still gets its Pod Security findings', () => {
    const text = pod({ spec: 'hostNetwork: true' }).replace('name: web', 'name: Web_1');
    assert.deepEqual(serviceAt('baseline:1.35').validate(doc(text)).map(brief), [
      "4:9-4:14 invalid-value metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      '15:16-15:20 pod-security/hostNamespaces violates PodSecurity "baseline:v1.35": host namespaces (hostNetwork=true)',
    ]);
  });
});
