/**
 * The container rules (server/src/rules/containers.ts): names, image, ports, env, envFrom,
 * resources, volumeMounts, volumeDevices and ephemeral containers, with exact diagnostics
 * (`line:col-line:col code message`). Each Pod is `metadata.name: p` and the spec below; a test
 * for a rule that changed after 1.20 names the upstream function and the version.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containersRules } from '../../server/src/rules/containers';
import { errorMessage } from '../../server/src/rules/errors';
import { checker } from '../helpers/check';
import { yaml } from '../helpers/service';

/** The diagnostics (warnings aside) of a Pod with this spec (indented two spaces under `spec:`, line 6 on). */
const check = checker({
  pod: (spec) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec
      .split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n')}`,
  only: (d) => d.code !== 'warning',
});

describe('container rules', () => {
  it('validateContainers: names unique among containers, DNS-1123 labels', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
      - name: app
        image: nginx
      - name: My_App
        image: nginx
        `,
        '1.20',
      ),
      [
        '9:11-9:14 duplicate-value spec.containers[1].name: Duplicate value: "app"',
        "11:11-11:17 invalid-value spec.containers[2].name: Invalid value: \"My_App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    );
  });

  it('validateContainers: an empty list is required', () => {
    assert.deepEqual(
      check(
        yaml`
      containers: []
        `,
        '1.20',
      ),
      ['6:3-6:13 required spec.containers: Required value'],
    );
  });

  it('validateInitContainers: names unique across containers and init containers (1.20 reports a repeat among init containers twice)', () => {
    assert.deepEqual(
      check(
        yaml`
      initContainers:
      - name: app
        image: busybox
      - name: init
        image: busybox
      - name: init
        image: busybox
      containers:
      - name: app
        image: nginx
        `,
        '1.20',
      ),
      [
        '7:11-7:14 duplicate-value spec.initContainers[0].name: Duplicate value: "app"',
        '11:11-11:15 duplicate-value spec.initContainers[2].name: Duplicate value: "init"',
        '11:11-11:15 duplicate-value spec.initContainers[2].name: Duplicate value: "init"',
      ],
    );
  });

  it('validateInitContainers (1.25+, validateContainerCommon): a repeated init container name is reported once', () => {
    assert.deepEqual(
      check(
        yaml`
      initContainers:
      - name: init
        image: busybox
      - name: init
        image: busybox
      containers:
      - name: app
        image: nginx
        `,
        '1.25',
      ),
      ['9:11-9:15 duplicate-value spec.initContainers[1].name: Duplicate value: "init"'],
    );
  });

  it('image required; validateContainersOnlyForPod: no surrounding whitespace', () => {
    assert.deepEqual(
      check(
        yaml`
      initContainers:
      - name: init
      containers:
      - name: app
        image: " nginx"
        `,
        '1.20',
      ),
      [
        '7:5-7:9 required spec.initContainers[0].image: Required value',
        '10:12-10:20 invalid-value spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
      ],
    );
  });

  it('validateContainerPorts: range, required containerPort, names', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        ports:
        - containerPort: 70000
          hostPort: -1
        - containerPort: 0
          name: web
        - containerPort: 81
          name: web
        - containerPort: 82
          name: Web--
        - containerPort: 83
          name: a-very-long-port-name
        `,
        '1.20',
      ),
      [
        '10:22-10:27 invalid-value spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        '11:17-11:19 invalid-value spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive',
        '12:7-12:20 required spec.containers[0].ports[1].containerPort: Required value',
        '15:13-15:16 duplicate-value spec.containers[0].ports[2].name: Duplicate value: "web"',
        '17:13-17:18 invalid-value spec.containers[0].ports[3].name: Invalid value: "Web--": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        '17:13-17:18 invalid-value spec.containers[0].ports[3].name: Invalid value: "Web--": must not contain consecutive hyphens',
        '17:13-17:18 invalid-value spec.containers[0].ports[3].name: Invalid value: "Web--": must not begin or end with a hyphen',
        '19:13-19:34 invalid-value spec.containers[0].ports[4].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters',
      ],
    );
  });

  it('validateContainerPorts (1.25+ IsValidPortName wording): a name needs a letter', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        ports:
        - containerPort: 80
          name: "8080"
        `,
        '1.25',
      ),
      ['11:13-11:19 invalid-value spec.containers[0].ports[0].name: Invalid value: "8080": must contain at least one letter (a-z)'],
    );
  });

  it('checkHostPortConflicts: across containers, and within each init container (whose path says [0])', () => {
    assert.deepEqual(
      check(
        yaml`
      initContainers:
      - name: a
        image: busybox
        ports:
        - containerPort: 80
          hostPort: 8080
      - name: b
        image: busybox
        ports:
        - containerPort: 80
          hostPort: 8080
        - containerPort: 81
          hostPort: 8080
      containers:
      - name: app
        image: nginx
        ports:
        - containerPort: 80
          hostPort: 8080
        - containerPort: 80
          hostPort: 8080
          protocol: UDP
      - name: side
        image: nginx
        ports:
        - containerPort: 90
          hostPort: 8080
        `,
        '1.20',
      ),
      [
        '18:17-18:21 duplicate-value spec.initContainers[0].ports[1].hostPort: Duplicate value: "TCP//8080"',
        '32:17-32:21 duplicate-value spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"',
      ],
    );
  });

  it('validateHostNetwork: hostPort defaults to containerPort, an explicit other one is wrong', () => {
    assert.deepEqual(
      check(
        yaml`
      hostNetwork: true
      containers:
      - name: app
        image: nginx
        ports:
        - containerPort: 80
        - containerPort: 81
          hostPort: 82
      - name: side
        image: nginx
        ports:
        - containerPort: 80
        `,
        '1.20',
      ),
      [
        '12:22-12:24 invalid-value spec.containers[0].ports[1].containerPort: Invalid value: 81: must match `hostPort` when `hostNetwork` is true',
        '17:22-17:24 duplicate-value spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"',
      ],
    );
  });

  it('validatePodHostNetworkDeps (1.28+): the hostPort is wrong, worded the other way round', () => {
    assert.deepEqual(
      check(
        yaml`
      hostNetwork: true
      containers:
      - name: app
        image: nginx
        ports:
        - containerPort: 81
          hostPort: 82
        `,
        '1.28',
      ),
      ['12:17-12:19 invalid-value spec.containers[0].ports[0].hostPort: Invalid value: 82: must match `containerPort` when `hostNetwork` is true'],
    );
  });

  it('ValidateEnv and validateEnvVarValueFrom: names, one source, not with value', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: 1BAD
          value: x
        - name: ""
        - name: A
          value: x
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: B
          valueFrom: {}
        - name: C
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
            configMapKeyRef:
              name: cm
              key: k
        `,
        '1.20',
      ),
      [
        "10:13-10:17 invalid-value spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
        '12:7-12:11 required spec.containers[0].env[1].name: Required value',
        '16:9-18:1 invalid-value spec.containers[0].env[2].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
        '19:18-19:20 invalid-value spec.containers[0].env[3].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        '22:9-27:1 invalid-value spec.containers[0].env[4].valueFrom: Invalid value: "": may not have more than one field specified at a time',
      ],
    );
  });

  it('validateObjectFieldSelector: the env field paths, conversion errors, subscripts', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: A
          valueFrom:
            fieldRef:
              fieldPath: status.phase
        - name: B
          valueFrom:
            fieldRef:
              apiVersion: v2
              fieldPath: metadata.name
        - name: C
          valueFrom:
            fieldRef:
              fieldPath: metadata.name['x']
        - name: D
          valueFrom:
            fieldRef:
              fieldPath: metadata.annotations['Bad Key']
        - name: E
          valueFrom:
            fieldRef:
              fieldPath: spec.host
        - name: F
          valueFrom:
            fieldRef:
              fieldPath: metadata.labels['app']
        `,
        '1.20',
      ),
      [
        '13:22-13:34 unsupported-value spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.podIP", "status.podIPs"',
        '18:22-18:35 invalid-value spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2',
        "22:22-22:40 invalid-value spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Invalid value: \"metadata.name['x']\": error converting fieldPath: field label does not support subscript: metadata.name['x']",
        "26:22-26:53 invalid-value spec.containers[0].env[3].valueFrom.fieldRef: Invalid value: \"Bad Key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    );
  });

  it('validateDownwardAPIHostIPs (1.28): status.hostIPs behind the alpha PodHostIPs gate', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: A
          valueFrom:
            fieldRef:
              fieldPath: status.hostIPs
        `,
        '1.28',
      ),
      ["12:9-12:17 forbidden spec.containers[0].env[0].valueFrom.fieldRef: Forbidden: may not be set when feature gate 'PodHostIPs' is not enabled"],
    );
  });

  it('validateObjectFieldSelector (1.29+): status.hostIPs is an env field path', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: A
          valueFrom:
            fieldRef:
              fieldPath: status.hostIPs
        `,
        '1.29',
      ),
      [],
    );
  });

  it('validateContainerResourceFieldSelector and validateContainerResourceDivisor', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: A
          valueFrom:
            resourceFieldRef:
              resource: limits.gpu
        - name: B
          valueFrom:
            resourceFieldRef:
              resource: limits.cpu
              divisor: 1Mi
        - name: C
          valueFrom:
            resourceFieldRef:
              resource: requests.memory
              divisor: 1m
        - name: D
          valueFrom:
            resourceFieldRef:
              resource: requests.hugepages-2Mi
        - name: E
          valueFrom:
            resourceFieldRef:
              resource: limits.memory
              divisor: 1024Ki
        `,
        '1.20',
      ),
      [
        '13:21-13:31 unsupported-value spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
        '18:20-18:23 invalid-value spec.containers[0].env[1].valueFrom.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource',
        '23:20-23:22 invalid-value spec.containers[0].env[2].valueFrom.resourceFieldRef.divisor: Invalid value: "requests.memory": only divisor\'s values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource',
        '27:21-27:43 unsupported-value spec.containers[0].env[3].valueFrom.resourceFieldRef.resource: Unsupported value: "requests.hugepages-2Mi": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
      ],
    );
  });

  it('validateEnvVarValueFrom (1.22+, DownwardAPIHugePages on): hugepages in resourceFieldRef', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: D
          valueFrom:
            resourceFieldRef:
              resource: requests.hugepages-2Mi
              divisor: 1m
        `,
        '1.23',
      ),
      [
        '14:20-14:22 invalid-value spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "requests.hugepages-2Mi": only divisor\'s values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource',
      ],
    );
  });

  it('validateConfigMapKeySelector / validateSecretKeySelector: the name is checked even when empty', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: A
          valueFrom:
            configMapKeyRef:
              key: k
        - name: B
          valueFrom:
            secretKeyRef:
              name: creds
              key: a/b
        - name: C
          valueFrom:
            secretKeyRef:
              name: creds
              key: ""
        `,
        '1.20',
      ),
      [
        "12:9-12:24 invalid-value spec.containers[0].env[0].valueFrom.configMapKeyRef.name: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        "18:16-18:19 invalid-value spec.containers[0].env[1].valueFrom.secretKeyRef.key: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        '23:11-23:14 required spec.containers[0].env[2].valueFrom.secretKeyRef.key: Required value',
      ],
    );
  });

  it('ValidateEnvFrom: prefix, one source (the path names the list), names as prefixes', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        envFrom:
        - prefix: "9_"
          configMapRef:
            name: cm
        - prefix: P_
        - configMapRef:
            name: cm
          secretRef:
            name: s
        - secretRef:
            name: Bad_Name
        - configMapRef:
            name: ""
        - configMapRef:
            name: trailing-
        `,
        '1.20',
      ),
      [
        "10:15-10:19 invalid-value spec.containers[0].envFrom[0].prefix: Invalid value: \"9_\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
        '13:7-14:1 invalid-value spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
        '14:7-18:1 invalid-value spec.containers[0].envFrom: Invalid value: "": may not have more than one field specified at a time',
        "19:15-19:23 invalid-value spec.containers[0].envFrom[3].secretRef.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        '21:9-21:13 required spec.containers[0].envFrom[4].configMapRef.name: Required value',
      ],
    );
  });

  it('ValidateEnv / ValidateEnvFrom (1.32+, RelaxedEnvironmentVariableValidation): any printable ASCII but =', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        env:
        - name: 1-ok
          value: x
        - name: a=b
          value: x
        envFrom:
        - prefix: "9:"
          configMapRef:
            name: cm
        `,
        '1.32',
      ),
      [
        '12:13-12:16 invalid-value spec.containers[0].env[1].name: Invalid value: "a=b": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      ],
    );
  });

  it('ValidateResourceRequirements: names, quantities, requests against (defaulted) limits', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        resources:
          limits:
            cpu: 500m
            gpu: 1
            example.com/dev: 2
            example.com/half: 0.5
          requests:
            cpu: "1"
            memory: -1Gi
            pods: 1
            example.com/dev: 1
            example.com/other: 1
        `,
        '1.20',
      ),
      [
        '12:9-12:12 invalid-value spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        '12:9-12:12 invalid-value spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        '12:9-12:12 invalid-value spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        '12:9-12:12 invalid-value spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        '14:27-14:30 invalid-value spec.containers[0].resources.limits[example.com/half]: Invalid value: resource.Quantity{i:resource.int64Amount{value:5, scale:-1}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: must be an integer',
        '14:27-14:30 invalid-value spec.containers[0].resources.requests[example.com/half]: Invalid value: resource.Quantity{i:resource.int64Amount{value:5, scale:-1}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: must be an integer',
        '16:14-16:17 invalid-value spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit',
        '17:17-17:21 invalid-value spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
        '18:9-18:13 invalid-value spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers',
        '19:26-19:27 invalid-value spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/dev limit',
        '20:9-20:26 required spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
      ],
    );
  });

  it('ValidateResourceRequirements: hugepages need cpu or memory, and request = limit', () => {
    assert.deepEqual(
      check(
        yaml`
      initContainers:
      - name: init
        image: busybox
        resources:
          limits:
            hugepages-2Mi: 4Mi
      containers:
      - name: app
        image: nginx
        resources:
          limits:
            memory: 1Gi
            hugepages-2Mi: 4Mi
          requests:
            hugepages-2Mi: 2Mi
        `,
        '1.20',
      ),
      [
        '9:5-9:14 forbidden spec.initContainers[0].resources: Forbidden: HugePages require cpu or memory',
        '20:24-20:27 invalid-value spec.containers[0].resources.requests: Invalid value: "2Mi": must be equal to hugepages-2Mi limit',
      ],
    );
  });

  it('ValidateResourceRequirements (1.27+): the limit is named in the message', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        resources:
          limits:
            memory: 1Gi
            example.com/dev: 2
          requests:
            memory: 1.5Gi
            example.com/dev: 1
        `,
        '1.27',
      ),
      [
        '14:17-14:22 invalid-value spec.containers[0].resources.requests: Invalid value: "1536Mi": must be less than or equal to memory limit of 1Gi',
        '15:26-15:27 invalid-value spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/dev limit of 2',
      ],
    );
  });

  it('validateResourceQuantityHugePageValue (1.21+): a multiple of the page size', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
        resources:
          limits:
            memory: 1Gi
            hugepages-2Mi: 3Mi
        `,
        '1.23',
      ),
      [
        '12:24-12:27 invalid-value spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
        '12:24-12:27 invalid-value spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
      ],
    );
  });

  it('ValidateVolumeMounts: volume exists, unique mountPath, subPath rules, propagation', () => {
    assert.deepEqual(
      check(
        yaml`
      volumes:
      - name: data
        emptyDir: {}
      containers:
      - name: app
        image: nginx
        volumeMounts:
        - name: date
          mountPath: /data
        - name: data
          mountPath: /data
          subPath: /abs
        - name: data
          mountPath: /b
          subPath: a/../b
          subPathExpr: $(X)
        - name: data
          mountPath: /c
          mountPropagation: Bidirectional
        - name: ""
          mountPath: ""
        `,
        '1.20',
      ),
      [
        '13:13-13:17 not-found spec.containers[0].volumeMounts[0].name: Not found: "date"',
        '16:18-16:23 invalid-value spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
        '17:16-17:20 invalid-value spec.containers[0].volumeMounts.subPath: Invalid value: "/abs": must be a relative path',
        '20:16-20:22 invalid-value spec.containers[0].volumeMounts.subPath: Invalid value: "a/../b": must not contain \'..\'',
        '21:20-21:24 invalid-value spec.containers[0].volumeMounts[2].subPathExpr: Invalid value: "$(X)": subPathExpr and subPath are mutually exclusive',
        '24:7-24:23 forbidden spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers',
        '25:7-25:11 required spec.containers[0].volumeMounts[4].name: Required value',
        '25:13-25:15 not-found spec.containers[0].volumeMounts[4].name: Not found: ""',
        '26:7-26:16 required spec.containers[0].volumeMounts[4].mountPath: Required value',
      ],
    );
  });

  it('validateMountRecursiveReadOnly (1.31+): readOnly and no propagation', () => {
    assert.deepEqual(
      check(
        yaml`
      volumes:
      - name: data
        emptyDir: {}
      containers:
      - name: app
        image: nginx
        volumeMounts:
        - name: data
          mountPath: /data
          recursiveReadOnly: Enabled
          mountPropagation: HostToContainer
        - name: data
          mountPath: /ok
          readOnly: true
          recursiveReadOnly: IfPossible
        `,
        '1.31',
      ),
      [
        '15:7-15:24 forbidden spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true',
        '15:7-15:24 forbidden spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified',
      ],
    );
  });

  it('ValidateVolumeDevices: a PVC volume, unique names and paths, not also mounted', () => {
    assert.deepEqual(
      check(
        yaml`
      volumes:
      - name: data
        emptyDir: {}
      - name: claim
        persistentVolumeClaim:
          claimName: c
      containers:
      - name: app
        image: nginx
        volumeMounts:
        - name: claim
          mountPath: /dev/a
        volumeDevices:
        - name: data
          devicePath: /dev/x
        - name: disk
          devicePath: /dev/x
        - name: claim
          devicePath: /dev/../a
        - name: claim
          devicePath: /dev/a
        `,
        '1.20',
      ),
      [
        '16:13-16:18 invalid-value spec.containers[0].volumeMounts[0].name: Invalid value: "claim": must not already exist in volumeDevices',
        '17:18-17:24 invalid-value spec.containers[0].volumeMounts[0].mountPath: Invalid value: "/dev/a": must not already exist as a path in volumeDevices',
        '19:13-19:17 invalid-value spec.containers[0].volumeDevices[0].name: Invalid value: "data": can only use volume source type of PersistentVolumeClaim for block mode',
        '21:13-21:17 not-found spec.containers[0].volumeDevices[1].name: Not found: "disk"',
        '22:19-22:25 invalid-value spec.containers[0].volumeDevices[1].devicePath: Invalid value: "/dev/x": must be unique',
        '23:13-23:18 invalid-value spec.containers[0].volumeDevices[2].name: Invalid value: "claim": must not already exist in volumeMounts',
        '24:19-24:28 invalid-value spec.containers[0].volumeDevices[2].devicePath: Invalid value: "/dev/../a": can not contain backsteps (\'..\')',
        '25:13-25:18 invalid-value spec.containers[0].volumeDevices[3].name: Invalid value: "claim": must be unique',
        '25:13-25:18 invalid-value spec.containers[0].volumeDevices[3].name: Invalid value: "claim": must not already exist in volumeMounts',
        '26:19-26:25 invalid-value spec.containers[0].volumeDevices[3].devicePath: Invalid value: "/dev/a": must not already exist as a path in volumeMounts',
      ],
    );
  });

  it('ValidateVolumeDevices (1.23+): an ephemeral volume is block-capable', () => {
    assert.deepEqual(
      check(
        yaml`
      volumes:
      - name: data
        emptyDir: {}
      - name: scratch
        ephemeral:
          volumeClaimTemplate:
            spec:
              accessModes: [ReadWriteOnce]
              volumeMode: Block
              resources:
                requests:
                  storage: 1Gi
      containers:
      - name: app
        image: nginx
        volumeDevices:
        - name: scratch
          devicePath: /dev/x
        - name: data
          devicePath: /dev/y
        `,
        '1.23',
      ),
      [
        '24:13-24:17 invalid-value spec.containers[0].volumeDevices[1].name: Invalid value: "data": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
      ],
    );
  });

  it('validateEphemeralContainers: dropped unvalidated in 1.20 (EphemeralContainers gate off)', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
      ephemeralContainers:
      - name: app
        image: busybox
        ports:
        - containerPort: 80
        `,
        '1.20',
      ),
      [],
    );
  });

  it('validateEphemeralContainers (1.25+): forbidden on create; names, target, allow-list, subPath', () => {
    assert.deepEqual(
      check(
        yaml`
      volumes:
      - name: data
        emptyDir: {}
      containers:
      - name: app
        image: nginx
      ephemeralContainers:
      - name: app
        image: "busybox "
        targetContainerName: nope
        ports:
        - containerPort: 80
        resources: {}
        readinessProbe:
          exec:
            command: [x]
        volumeMounts:
        - name: data
          mountPath: /data
          subPath: x
      - name: debug
        image: busybox
        targetContainerName: app
        resources:
          limits:
            cpu: 1
        `,
        '1.25',
      ),
      [
        '12:3-12:22 forbidden spec.ephemeralContainers: Forbidden: cannot be set on create',
        '13:11-13:14 duplicate-value spec.ephemeralContainers[0].name: Duplicate value: "app"',
        '14:12-14:22 invalid-value spec.ephemeralContainers[0].image: Invalid value: "busybox ": must not have leading or trailing whitespace',
        '15:26-15:30 not-found spec.ephemeralContainers[0].targetContainerName: Not found: "nope"',
        '16:5-16:10 forbidden spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container',
        '19:5-19:19 forbidden spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container',
        '25:7-25:14 forbidden spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container',
        '29:5-29:14 forbidden spec.ephemeralContainers[1].resources: Forbidden: cannot be set for an Ephemeral Container',
      ],
    );
  });

  it('validateEphemeralContainers (1.23–1.24): checked as a one-item list, the target looked up among all names so far', () => {
    assert.deepEqual(
      check(
        yaml`
      containers:
      - name: app
        image: nginx
      ephemeralContainers:
      - name: Debug
        image: busybox
        targetContainerName: Debug
        `,
        '1.23',
      ),
      [
        '9:3-9:22 forbidden spec.ephemeralContainers: Forbidden: cannot be set on create',
        "10:5-10:9 invalid-value spec.ephemeralContainers[0][0].name: Invalid value: \"Debug\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        '12:26-12:31 not-found spec.ephemeralContainers[0].targetContainerName: Not found: "Debug"',
      ],
    );
  });

  it('validateFileKeySelector and validateFileKeyRefVolumes (1.35+, EnvFiles beta)', () => {
    assert.deepEqual(
      check(
        yaml`
      volumes:
      - name: config
        configMap:
          name: cm
      - name: envs
        emptyDir: {}
      containers:
      - name: app
        image: nginx
        env:
        - name: A
          valueFrom:
            fileKeyRef:
              volumeName: envs
              path: ../app.env
              key: "a=b"
        - name: B
          valueFrom:
            fileKeyRef:
              volumeName: config
              path: app.env
              key: B
        - name: C
          valueFrom:
            fileKeyRef:
              volumeName: missing
              path: app.env
              key: C
        - name: D
          valueFrom: {}
        `,
        '1.35',
      ),
      [
        '20:17-20:27 invalid-value spec.containers[0].env[0].valueFrom.fileKeyRef.path: Invalid value: "../app.env": must not contain \'..\'',
        '21:16-21:21 invalid-value spec.containers[0].env[0].valueFrom.fileKeyRef.key: Invalid value: "a=b": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
        '25:23-25:29 invalid-value spec.containers[0].env[1].valueFrom.fileKeyRef.volumeName: Invalid value: "config": referenced volume must be of type emptyDir',
        '31:23-31:30 not-found spec.containers[0].env[2].valueFrom.fileKeyRef.volumeName: Not found: "missing"',
        '35:18-35:20 invalid-value spec.containers[0].env[3].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`',
      ],
    );
  });

  it('validateResizePolicy (1.33+, InPlacePodVerticalScaling beta): one entry per resource, NotRequired with restartPolicy Never', () => {
    assert.deepEqual(
      check(
        yaml`
      restartPolicy: Never
      containers:
      - name: app
        image: nginx
        resizePolicy:
        - resourceName: cpu
          restartPolicy: NotRequired
        - resourceName: cpu
          restartPolicy: RestartContainer
        `,
        '1.33',
      ),
      [
        '13:21-13:24 duplicate-value spec.containers[0].resizePolicy[1]: Duplicate value: "cpu"',
        "14:22-14:38 invalid-value spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'",
      ],
    );
  });

  it('validateResourceClaimNames (1.34+, DynamicResourceAllocation GA): claims name spec.resourceClaims, once', () => {
    assert.deepEqual(
      check(
        yaml`
      resourceClaims:
      - name: gpu
        resourceClaimName: gpu-claim
      containers:
      - name: app
        image: nginx
        resources:
          claims:
          - name: gpu
          - name: gpu
          - name: tpu
            request: Req
        `,
        '1.34',
      ),
      [
        '15:15-15:18 duplicate-value spec.containers[0].resources.claims[1]: Duplicate value: "gpu"',
        '16:15-16:18 not-found spec.containers[0].resources.claims[2]: Not found: "tpu": must be one of the names in pod.spec.resourceClaims: gpu',
        "17:18-17:21 invalid-value spec.containers[0].resources.claims[2].request: Invalid value: \"Req\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    );
  });

  it('validateEphemeralContainers (1.23–1.24): a nameless ephemeral container is reported on its item and not checked further', () => {
    const pod = { spec: { containers: [{ name: 'app', image: 'nginx' }], ephemeralContainers: [{ image: 'busybox', ports: [{ containerPort: 80 }] }] } };
    assert.deepEqual(containersRules(pod, { version: '1.23' }).map(errorMessage), [
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
      'spec.ephemeralContainers[0]: Required value: ephemeralContainer requires a name',
    ]);
  });
});
