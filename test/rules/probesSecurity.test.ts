/**
 * The probes / lifecycle / restartPolicy / securityContext rules (probesSecurity.ts), as the
 * editor shows them: `line:col-line:col code message`. Tests of rules that exist only after 1.20
 * name the upstream function they follow.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorMessage } from '../../server/src/rules/errors';
import { probesSecurityRules } from '../../server/src/rules/probesSecurity';
import { checker } from '../helpers/check';
import { messageText } from '../helpers/service';

/** Errors (warnings are another area's), without the create-time refusal of ephemeral containers (the pod-spec rules'). */
const check = checker({
  only: (d) => d.severity === 1 && !messageText(d.message).startsWith('spec.ephemeralContainers: Forbidden: cannot be set on create'),
});

describe('probes and lifecycle (validateProbe, validateHandler, validateLifecycle)', () => {
  it('accepts a probe of each kind, with defaults (0) for the numbers (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {exec: {command: [cat]}, successThreshold: 0, timeoutSeconds: 0}
    readinessProbe: {httpGet: {port: http, path: "", scheme: HTTPS, httpHeaders: [{name: X-Trace, value: "1"}]}, successThreshold: 5}
    startupProbe: {tcpSocket: {port: 8080}}
    lifecycle: {postStart: {exec: {command: [x]}}, preStop: {httpGet: {port: 80}}}
`;
    assert.deepEqual(check(pod, '1.20'), []);
  });

  it('requires a handler, on the probe key (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      initialDelaySeconds: 5
`;
    assert.deepEqual(check(pod, '1.20'), ['9:5-9:18 required spec.containers[0].livenessProbe: Required value: must specify a handler type']);
  });

  it('forbids a second and third handler, in the server order (exec, httpGet, tcpSocket) (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    readinessProbe:
      tcpSocket: {port: 80}
      httpGet: {port: 80}
      exec: {command: [x]}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '10:7-10:16 forbidden spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
      '11:7-11:14 forbidden spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
    ]);
  });

  it('requires an exec command (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {exec: {command: []}}
`;
    assert.deepEqual(check(pod, '1.20'), ['9:28-9:35 required spec.containers[0].livenessProbe.exec.command: Required value']);
  });

  it('checks httpGet port, scheme and header names (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet:
        port: 70000
        scheme: ftp
        httpHeaders:
        - name: X Bad
          value: v
`;
    assert.deepEqual(check(pod, '1.20'), [
      '11:15-11:20 invalid-value spec.containers[0].livenessProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      '12:17-12:20 unsupported-value spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "ftp": supported values: "HTTP", "HTTPS"',
      "14:17-14:22 invalid-value spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: \"X Bad\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
    ]);
  });

  it('checks a missing tcpSocket port as the int 0 (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    startupProbe:
      tcpSocket: {host: example.com}
`;
    // The server's one error, not also the schema's "Required value".
    assert.deepEqual(check(pod, '1.20'), [
      '10:7-10:16 invalid-value spec.containers[0].startupProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  it('needs non-negative numbers, and successThreshold 1 for liveness and startup (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {exec: {command: [x]}, successThreshold: 2, periodSeconds: -1}
    startupProbe: {exec: {command: [x]}, successThreshold: -1, failureThreshold: -3}
    readinessProbe: {exec: {command: [x]}, initialDelaySeconds: -2, timeoutSeconds: -4}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '9:61-9:62 invalid-value spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      '9:79-9:81 invalid-value spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      '10:60-10:62 invalid-value spec.containers[0].startupProbe.successThreshold: Invalid value: -1: must be greater than or equal to 0',
      '10:60-10:62 invalid-value spec.containers[0].startupProbe.successThreshold: Invalid value: -1: must be 1',
      '10:82-10:84 invalid-value spec.containers[0].startupProbe.failureThreshold: Invalid value: -3: must be greater than or equal to 0',
      '11:65-11:67 invalid-value spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -2: must be greater than or equal to 0',
      '11:85-11:87 invalid-value spec.containers[0].readinessProbe.timeoutSeconds: Invalid value: -4: must be greater than or equal to 0',
    ]);
  });

  it('checks lifecycle hooks as handlers (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    lifecycle:
      postStart: {}
      preStop: {exec: {command: [x]}, tcpSocket: {port: 0}}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '10:7-10:16 required spec.containers[0].lifecycle.postStart: Required value: must specify a handler type',
      '11:39-11:48 forbidden spec.containers[0].lifecycle.preStop.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ]);
  });

  it('validateGRPCAction 1.23+: grpc checks its port; written for 1.20 it still counts as the handler (the field is reported unavailable) (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      grpc: {port: 0}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '10:7-10:11 unavailable-field unknown field "spec.containers[0].livenessProbe.grpc": not available in Kubernetes 1.20 (added in 1.23)',
    ]);
  });

  it('validateGRPCAction 1.23+: grpc checks its port and counts as a handler (GRPCContainerProbe alpha in 1.23, taken as on) (1.23)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      exec: {command: [x]}
      grpc: {port: 0}
    readinessProbe:
      grpc: {port: 70000}
`;
    assert.deepEqual(check(pod, '1.23'), [
      '11:7-11:11 forbidden spec.containers[0].livenessProbe.grpc: Forbidden: may not specify more than 1 handler type',
      '13:20-13:25 invalid-value spec.containers[0].readinessProbe.grpc.port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('validateProbe terminationGracePeriodSeconds: ignored before 1.25 (gate off) (1.24)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {exec: {command: [x]}, terminationGracePeriodSeconds: 0}
    readinessProbe: {exec: {command: [x]}, terminationGracePeriodSeconds: 10}
`;
    assert.deepEqual(check(pod, '1.24'), []);
  });

  it('validateProbe / validateReadinessProbe terminationGracePeriodSeconds from 1.25 (1.25)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {exec: {command: [x]}, terminationGracePeriodSeconds: 0}
    readinessProbe: {exec: {command: [x]}, terminationGracePeriodSeconds: 10}
`;
    assert.deepEqual(check(pod, '1.25'), [
      '9:74-9:75 invalid-value spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0',
      '10:75-10:77 invalid-value spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes',
    ]);
  });

  it('validateSleepAction 1.29 (PodLifecycleSleepAction alpha, taken as on): 0 < seconds <= terminationGracePeriodSeconds (1.29)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    lifecycle:
      preStop: {sleep: {seconds: 0}}
`;
    assert.deepEqual(check(pod, '1.29'), [
      '10:34-10:35 invalid-value spec.containers[0].lifecycle.preStop.sleep: Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (30)',
    ]);
  });

  it('validateSleepAction: before 1.29 sleep still counts as the handler (the field is reported unavailable) (1.28)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    lifecycle:
      preStop: {sleep: {seconds: 0}}
`;
    assert.deepEqual(check(pod, '1.28'), [
      '10:17-10:22 unavailable-field unknown field "spec.containers[0].lifecycle.preStop.sleep": not available in Kubernetes 1.28 (added in 1.29)',
    ]);
  });

  it('validateSleepAction 1.30: 0 < seconds <= terminationGracePeriodSeconds (1.30)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 40
  containers:
  - name: app
    image: nginx
    lifecycle:
      preStop: {sleep: {seconds: 0}}
      postStart: {sleep: {seconds: 45}}
`;
    assert.deepEqual(check(pod, '1.30'), [
      '11:34-11:35 invalid-value spec.containers[0].lifecycle.preStop.sleep: Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (40)',
      '12:36-12:38 invalid-value spec.containers[0].lifecycle.postStart.sleep: Invalid value: 45: must be greater than 0 and less than terminationGracePeriodSeconds (40)',
    ]);
  });

  it('validateSleepAction 1.32: the hint at AllowPodLifecycleSleepActionZeroValue (1.32)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    lifecycle:
      preStop: {sleep: {seconds: 0}}
`;
    assert.deepEqual(check(pod, '1.32'), [
      '10:34-10:35 invalid-value spec.containers[0].lifecycle.preStop.sleep: Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.',
    ]);
  });

  it('validateSleepAction 1.33+: zero allowed, above the grace period not (1.33)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    lifecycle:
      preStop: {sleep: {seconds: 0}}
      postStart: {sleep: {seconds: 31}}
`;
    assert.deepEqual(check(pod, '1.33'), [
      '11:36-11:38 invalid-value spec.containers[0].lifecycle.postStart.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)',
    ]);
  });
});

describe('init containers (validateInitContainers)', () => {
  it('1.20: probes and lifecycle are validated, then Invalid "must not be set for init containers" (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    lifecycle: {preStop: {exec: {command: [x]}}}
    livenessProbe: {exec: {command: [x]}, successThreshold: 2}
    readinessProbe: {tcpSocket: {port: 80}}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.20'), [
      '9:5-9:14 invalid-value spec.initContainers[0].lifecycle: Invalid value: {"preStop":{"exec":{"command":["x"]}}}: must not be set for init containers',
      '10:5-10:18 invalid-value spec.initContainers[0].livenessProbe: Invalid value: {"exec":{"command":["x"]},"successThreshold":2}: must not be set for init containers',
      '10:61-10:62 invalid-value spec.initContainers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      '11:5-11:19 invalid-value spec.initContainers[0].readinessProbe: Invalid value: {"tcpSocket":{"port":80}}: must not be set for init containers',
    ]);
  });

  it('validateInitContainers 1.25: Forbidden "may not be set for init containers", contents unchecked (1.25)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    startupProbe: {exec: {command: []}}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.25'), ['9:5-9:17 forbidden spec.initContainers[0].startupProbe: Forbidden: may not be set for init containers']);
  });

  it('validateInitContainers 1.28: a sidecar (SidecarContainers alpha, taken as on) may have probes, which are validated (1.28)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    restartPolicy: Always
    livenessProbe: {exec: {command: []}}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.28'), ['10:28-10:35 required spec.initContainers[0].livenessProbe.exec.command: Required value']);
  });

  it('validateInitContainers: a sidecar written for 1.20 is checked as a sidecar (restartPolicy is reported unavailable) (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    restartPolicy: Always
    startupProbe: {exec: {command: [x]}, successThreshold: 3}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.20'), [
      '9:5-9:18 unavailable-field unknown field "spec.initContainers[0].restartPolicy": not available in Kubernetes 1.20 (added in 1.28)',
      '10:60-10:61 invalid-value spec.initContainers[0].startupProbe.successThreshold: Invalid value: 3: must be 1',
    ]);
  });

  it('validateInitContainers 1.28: an init container without restartPolicy: Always may not have probes (1.28)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    livenessProbe: {exec: {command: [x]}}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.28'), [
      '9:5-9:18 forbidden spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('validateInitContainers 1.29: a sidecar (restartPolicy: Always) may have probes, which are validated (1.29)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    restartPolicy: Always
    livenessProbe: {exec: {command: [x]}, successThreshold: 2}
    lifecycle: {postStart: {exec: {command: [x]}}}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.29'), ['10:61-10:62 invalid-value spec.initContainers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']);
  });

  it('validateInitContainerRestartPolicy 1.29: only Always (1.29)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    restartPolicy: OnFailure
    readinessProbe: {exec: {command: [x]}}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.29'), [
      '9:20-9:29 unsupported-value spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      '10:5-10:19 forbidden spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('validateContainers 1.28+: restartPolicy may not be set for regular containers (1.28)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    restartPolicy: Always
`;
    assert.deepEqual(check(pod, '1.28'), ['9:5-9:18 forbidden spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']);
  });

  it('validateContainerRestartPolicy: regular containers take Always/Never/OnFailure and restart rules from 1.35 (ContainerRestartRules on); Forbidden at 1.34 (off)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    restartPolicy: Sometimes
    restartPolicyRules:
    - action: Stop
      exitCodes: {operator: Is, values: [1]}
    - action: Restart
  - name: b
    image: nginx
    restartPolicy: Never
`;
    // 1.34: the gate is off; util.go drops restartPolicyRules, and a container's restartPolicy is Forbidden as before.
    assert.deepEqual(check(pod, '1.34'), [
      '9:5-9:18 forbidden spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
      '16:5-16:18 forbidden spec.containers[1].restartPolicy: Forbidden: may not be set for non-init containers',
    ]);
    assert.deepEqual(check(pod, '1.35'), [
      '9:20-9:29 unsupported-value spec.containers[0].restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"',
      '11:15-11:19 unsupported-value spec.containers[0].restartPolicyRules[0].action: Unsupported value: "Stop": supported values: "Restart"',
      '12:29-12:31 unsupported-value spec.containers[0].restartPolicyRules[0].exitCodes.operator: Unsupported value: "Is": supported values: "In", "NotIn"',
      '13:7-13:13 required spec.containers[0].restartPolicyRules[1].exitCodes: Required value: must be specified',
    ]);
  });

  it('validateInitContainerRestartPolicy: OnFailure for an init container is refused at 1.34 (ContainerRestartRules off) and accepted at 1.35', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    restartPolicy: OnFailure
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.34'), [
      '9:20-9:29 unsupported-value spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    assert.deepEqual(check(pod, '1.35'), []);
  });

  it('validateInitContainerRestartPolicy 1.34+: no restart rules for sidecars (1.35)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox
    restartPolicy: Always
    restartPolicyRules:
    - action: Restart
      exitCodes: {operator: In, values: [42]}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.35'), [
      '10:5-10:23 forbidden spec.initContainers[0].restartPolicyRules: Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always',
    ]);
  });
});

describe('ephemeral containers (validateEphemeralContainers)', () => {
  it('validateEphemeralContainers: the list is dropped before 1.23 (EphemeralContainers off) (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  ephemeralContainers:
  - name: debug
    image: busybox
    securityContext: {runAsUser: -1}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.20'), []);
  });

  it('validateEphemeralContainers 1.23: validateContainers([c]) names the path with an extra [0] (1.23)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  ephemeralContainers:
  - name: debug
    image: busybox
    securityContext: {runAsUser: -1}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.23'), [
      '9:34-9:36 invalid-value spec.ephemeralContainers[0][0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    ]);
  });

  it('validateEphemeralContainers 1.25: validateContainerCommon, the plain path (1.25)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  ephemeralContainers:
  - name: debug
    image: busybox
    securityContext: {runAsUser: -1}
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.25'), [
      '9:34-9:36 invalid-value spec.ephemeralContainers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    ]);
  });
});

describe('security contexts (ValidateSecurityContext, ValidatePodSecurityContext)', () => {
  it('checks user and group ids against 0 … MaxInt32 (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    fsGroup: -1
    runAsUser: 2147483647
    runAsGroup: 4294967296
    supplementalGroups: [1, -2]
    fsGroupChangePolicy: Sometimes
  containers:
  - name: app
    image: nginx
    securityContext: {runAsUser: -1, runAsGroup: 2147483648}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '7:14-7:16 invalid-value spec.securityContext.fsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      '9:17-9:27 invalid-value spec.securityContext.runAsGroup: Invalid value: 4294967296: must be between 0 and 2147483647, inclusive',
      '10:29-10:31 invalid-value spec.securityContext.supplementalGroups[1]: Invalid value: -2: must be between 0 and 2147483647, inclusive',
      '11:26-11:35 unsupported-value spec.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "Always", "OnRootMismatch"',
      '15:34-15:36 invalid-value spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      '15:50-15:60 invalid-value spec.containers[0].securityContext.runAsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive',
    ]);
  });

  it('privileged or CAP_SYS_ADMIN with allowPrivilegeEscalation false, on the securityContext key (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      privileged: true
      allowPrivilegeEscalation: false
      capabilities: {add: [SYS_ADMIN, CAP_SYS_ADMIN]}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '9:5-9:20 invalid-value spec.containers[0].securityContext: Invalid value: {"privileged":true,"allowPrivilegeEscalation":false,"capabilities":{"add":["SYS_ADMIN","CAP_SYS_ADMIN"]}}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
      '9:5-9:20 invalid-value spec.containers[0].securityContext: Invalid value: {"privileged":true,"allowPrivilegeEscalation":false,"capabilities":{"add":["SYS_ADMIN","CAP_SYS_ADMIN"]}}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
    ]);
  });

  it('checks seccompProfile type and localhostProfile pairs (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile: {}
  containers:
  - name: app
    image: nginx
    securityContext:
      seccompProfile: {type: Localhost}
  - name: b
    image: nginx
    securityContext:
      seccompProfile: {type: RuntimeDefault, localhostProfile: x.json}
  - name: c
    image: nginx
    securityContext:
      seccompProfile: {type: Bogus}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '7:5-7:19 required spec.securityContext.seccompProfile.type: Required value: type is required when seccompProfile is set',
      '12:7-12:21 required spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
      '16:64-16:70 invalid-value spec.containers[1].securityContext.seccompProfile.localhostProfile: Invalid value: {"type":"RuntimeDefault","localhostProfile":"x.json"}: can only be set when seccomp type is Localhost',
      '20:30-20:35 unsupported-value spec.containers[2].securityContext.seccompProfile.type: Unsupported value: "Bogus": supported values: "Localhost", "RuntimeDefault", "Unconfined"',
    ]);
  });

  it('applySeccompVersionSkew before 1.25: a field with no annotation is also checked as the annotation (1.24)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: /abs.json}
`;
    assert.deepEqual(check(pod, '1.24'), [
      '10:59-10:68 invalid-value spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: "/abs.json": must be a relative path',
      '10:59-10:68 invalid-value metadata.annotations.container.seccomp.security.alpha.kubernetes.io/app: Invalid value: "/abs.json": must be a relative path',
    ]);
  });

  it('applySeccompVersionSkew 1.25+: no annotation is made from the field (1.25)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: ../up.json}
`;
    assert.deepEqual(check(pod, '1.25'), [
      '10:59-10:69 invalid-value spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: "../up.json": must not contain \'..\'',
    ]);
  });

  it('ValidateSecurityContext procMount: dropped before 1.33 (ProcMountType off) (1.32)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    securityContext: {procMount: Bogus}
`;
    assert.deepEqual(check(pod, '1.32'), []);
  });

  it('ValidateSecurityContext procMount 1.33+: Default or Unmasked, and Unmasked needs hostUsers false (1.33)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    securityContext: {procMount: Unmasked}
  - name: b
    image: nginx
    securityContext: {procMount: Bogus}
`;
    assert.deepEqual(check(pod, '1.33'), [
      '9:34-9:42 invalid-value spec.containers[0].securityContext.procMount: Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`',
      '12:34-12:39 unsupported-value spec.containers[1].securityContext.procMount: Unsupported value: "Bogus": supported values: "Default", "Unmasked"',
    ]);
  });

  it('ValidateSecurityContext procMount 1.33+: Unmasked with hostUsers false (1.33)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext: {procMount: Unmasked}
`;
    assert.deepEqual(check(pod, '1.33'), []);
  });

  it('checks windowsOptions (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    windowsOptions: {runAsUserName: 'DOMAIN\\us@er'}
  containers:
  - name: app
    image: nginx
    securityContext:
      windowsOptions:
        gmsaCredentialSpecName: Bad_Name
        gmsaCredentialSpec: ""
        runAsUserName: 'a\\b\\c'
`;
    assert.deepEqual(check(pod, '1.20'), [
      '7:37-7:51 invalid-value spec.securityContext.windowsOptions.runAsUserName: Invalid value: "DOMAIN\\\\us@er": runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]',
      "13:33-13:41 invalid-value spec.containers[0].securityContext.windowsOptions.gmsaCredentialSpecName: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      '14:29-14:31 invalid-value spec.containers[0].securityContext.windowsOptions.gmsaCredentialSpec: Invalid value: "": gmsaCredentialSpec cannot be an empty string',
      '15:24-15:31 invalid-value spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: "a\\\\b\\\\c": runAsUserName cannot contain more than one backslash',
    ]);
  });

  it('ValidateAppArmorProfileField: ignored before 1.30 (1.29)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      appArmorProfile: {type: Localhost}
`;
    assert.deepEqual(check(pod, '1.29'), [
      '10:7-10:22 unavailable-field unknown field "spec.containers[0].securityContext.appArmorProfile": not available in Kubernetes 1.29 (added in 1.30)',
    ]);
  });

  it('ValidateAppArmorProfileField 1.30+: type and localhostProfile pairs (1.30)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    appArmorProfile: {type: Localhost}
  containers:
  - name: app
    image: nginx
    securityContext:
      appArmorProfile: {type: Localhost, localhostProfile: " padded"}
  - name: b
    image: nginx
    securityContext:
      appArmorProfile: {type: RuntimeDefault, localhostProfile: x}
`;
    assert.deepEqual(check(pod, '1.30'), [
      '7:5-7:20 required spec.securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost',
      '12:60-12:69 invalid-value spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: " padded": must not be padded with whitespace',
      '16:65-16:66 invalid-value spec.containers[1].securityContext.appArmorProfile.localhostProfile: Invalid value: "x": can only be set when AppArmor type is Localhost',
    ]);
  });

  it('validatePodSpecSecurityContext supplementalGroupsPolicy 1.33+: Merge or Strict (1.33)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    supplementalGroupsPolicy: Loose
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.33'), [
      '7:31-7:36 unsupported-value spec.securityContext.supplementalGroupsPolicy: Unsupported value: "Loose": supported values: "Merge", "Strict"',
    ]);
  });
});

describe('annotations (ValidateSeccompPodAnnotations, ValidateAppArmorPodAnnotations, validateSeccompAnnotationsAndFields)', () => {
  it('checks seccomp and AppArmor annotation values and container names (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: bogus
    container.seccomp.security.alpha.kubernetes.io/app: localhost/../x.json
    container.apparmor.security.beta.kubernetes.io/nope: runtime/default
    container.apparmor.security.beta.kubernetes.io/app: my-profile
spec:
  containers:
  - name: app
    image: nginx
`;
    assert.deepEqual(check(pod, '1.20'), [
      '6:47-6:52 invalid-value metadata.annotations.seccomp.security.alpha.kubernetes.io/pod: Invalid value: "bogus": must be a valid seccomp profile',
      '7:57-7:76 invalid-value metadata.annotations.container.seccomp.security.alpha.kubernetes.io/app: Invalid value: "../x.json": must not contain \'..\'',
      '7:57-7:76 invalid-value spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: "../x.json": must not contain \'..\'',
      '8:5-8:56 invalid-value metadata.annotations[container.apparmor.security.beta.kubernetes.io/nope]: Invalid value: "nope": container not found',
      '9:57-9:67 invalid-value metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]: Invalid value: "my-profile": invalid AppArmor profile name: "my-profile"',
    ]);
  });

  it('an annotation and a field that disagree (1.20)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
    container.seccomp.security.alpha.kubernetes.io/app: localhost/a.json
spec:
  securityContext:
    seccompProfile: {type: Unconfined}
  containers:
  - name: app
    image: nginx
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: b.json}
`;
    assert.deepEqual(check(pod, '1.20'), [
      '10:22-10:26 forbidden spec.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match',
      '15:41-15:57 forbidden spec.containers[0].securityContext.seccompProfile.localhostProfile: Forbidden: seccomp profile in annotation and field must match',
    ]);
  });

  it('validateAppArmorAnnotationsAndFieldsMatchOnCreate 1.30+: the profile in effect agrees with the annotation (1.30)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
    container.apparmor.security.beta.kubernetes.io/b: localhost/c
spec:
  securityContext:
    appArmorProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: nginx
  - name: b
    image: nginx
    securityContext:
      appArmorProfile: {type: Localhost, localhostProfile: b}
`;
    assert.deepEqual(check(pod, '1.30'), [
      '12:5-12:9 forbidden spec.containers[0].securityContext.appArmorProfile.type: Forbidden: apparmor type in annotation and field must match',
      '17:42-17:58 forbidden spec.containers[1].securityContext.appArmorProfile.localhostProfile: Forbidden: apparmor profile in annotation and field must match',
    ]);
  });
});

describe('Windows hostProcess (validateWindowsHostProcessPod)', () => {
  it('validateWindowsHostProcessPod 1.23+: identical values, all containers, hostNetwork (1.23)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    windowsOptions: {hostProcess: true}
  containers:
  - name: app
    image: nginx
    securityContext:
      windowsOptions: {hostProcess: false}
  - name: b
    image: nginx
`;
    assert.deepEqual(check(pod, '1.23'), [
      '5:1-5:5 invalid-value spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers',
      '5:1-5:5 invalid-value spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
      '12:37-12:42 invalid-value spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
    ]);
  });
});

describe('Windows hostProcess before 1.23 (validateWindowsHostProcessPod, 1.22: WindowsHostProcessContainers off)', () => {
  // No bundled schema for 1.21/1.22: the rule is called directly.
  const pod = (hostProcess: boolean) => ({
    metadata: { name: 'p' },
    spec: {
      securityContext: { windowsOptions: { hostProcess } },
      containers: [{ name: 'app', image: 'nginx', securityContext: { windowsOptions: { hostProcess } } }],
    },
  });
  it('validateWindowsHostProcessPod 1.22: the pod-level field is refused first', () => {
    assert.deepEqual(probesSecurityRules(pod(true), { version: '1.22' }).map(errorMessage), [
      "spec.securityContext.windowsOptions.hostProcess: Forbidden: not allowed when feature gate 'WindowsHostProcessContainers' is not enabled",
    ]);
  });
  it('validateWindowsHostProcessPod 1.22: container fields and hostProcess containers are refused', () => {
    const p = pod(true);
    delete (p.spec as { securityContext?: unknown }).securityContext;
    assert.deepEqual(probesSecurityRules(p, { version: '1.22' }).map(errorMessage), [
      "spec.containers[0].securityContext.windowsOptions.hostProcess: Forbidden: not allowed when feature gate 'WindowsHostProcessContainers' is not enabled",
      "spec: Forbidden: pod must not contain Windows hostProcess containers when feature gate 'WindowsHostProcessContainers' is not enabled",
    ]);
  });
  it('says nothing before 1.22 (the field does not exist)', () => {
    assert.deepEqual(probesSecurityRules(pod(true), { version: '1.20' }), []);
  });
});
