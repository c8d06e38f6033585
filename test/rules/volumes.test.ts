import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubernetesVersion } from '../../server/src/schema/versions';
import { checker } from '../helpers/check';

/** A Pod named `p` (with a service account, for token projections) whose spec.volumes are `volumes` (indented list items). */
const pod = (volumes: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: sa\n  containers: [{name: app, image: busybox}]\n  volumes:\n${volumes}`;
const check = checker({ pod, version: '1.20' });
/** Just the messages, for rules whose place is tested elsewhere. */
const messages = (volumes: string, version: KubernetesVersion = '1.20') => check(volumes, version).map((b) => b.replace(/^\S+ \S+ /, ''));

const VALID_EVERY_WAY = `\
  - name: scratch
    emptyDir: {medium: Memory, sizeLimit: 64Mi}
  - name: defaulted
  - name: host
    hostPath: {path: /var/log, type: DirectoryOrCreate}
  - name: config
    configMap: {name: app-config, defaultMode: 0644, items: [{key: app.properties, path: conf/app.properties, mode: 0400}]}
  - name: creds
    secret: {secretName: creds, defaultMode: 0}
  - name: podinfo
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: app, fieldRef: {fieldPath: "metadata.labels['app']"}}
      - {path: mem, resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}}
      - {path: cpu, resourceFieldRef: {containerName: app, resource: limits.cpu, divisor: 1000m}}
  - name: all-in-one
    projected:
      defaultMode: 0777
      sources:
      - secret: {name: s1, items: [{key: a, path: a}]}
      - configMap: {name: c1, items: [{key: b, path: b}]}
      - downwardAPI: {items: [{path: c, fieldRef: {fieldPath: metadata.namespace}}]}
      - serviceAccountToken: {path: token}
  - name: claim
    persistentVolumeClaim: {claimName: data-claim}
  - name: share
    nfs: {server: nfs.example.com, path: /exports}
  - name: inline
    csi: {driver: hostpath.csi.k8s.io}
  - name: disk
    azureDisk: {diskName: d1, diskURI: /subscriptions/x/disks/d1, kind: Managed}
  - name: lun
    iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0, initiatorName: "iqn.1996-04.de.suse:01:a2b3c4"}
  - name: q
    quobyte: {registry: "reg1:7861,[::1]:7861", volume: vol}
`;

describe('volume rules (ValidateVolumes, validateVolumeSource)', () => {
  it('accepts every kind of valid volume, in every version', () => {
    // (quobyte is deprecated from 1.22: a warning, not an error)
    for (const v of ['1.20', '1.23', '1.27', '1.31', '1.35'] as const)
      assert.deepEqual(
        check(VALID_EVERY_WAY, v).filter((b) => !b.includes(' warning ')),
        [],
        v,
      );
  });

  it('names a duplicate volume name on the second one', () => {
    assert.deepEqual(check('  - name: data\n  - name: data\n    emptyDir: {}\n'), [
      '10:11-10:15 duplicate-value spec.volumes[1].name: Duplicate value: "data"',
    ]);
  });

  it('does not call a name duplicate when the first volume of that name was invalid', () => {
    assert.deepEqual(check('  - name: data\n    configMap: {name: ""}\n  - name: data\n'), [
      '10:17-10:21 required spec.volumes[0].configMap.name: Required value',
    ]);
  });

  it('requires a DNS-1123 label as the name', () => {
    assert.deepEqual(check('  - name: ""\n'), ['9:5-9:9 required spec.volumes[0].name: Required value']);
    assert.match(
      check('  - name: Data\n')[0],
      /^9:11-9:15 invalid-value spec\.volumes\[0\]\.name: Invalid value: "Data": a lowercase RFC 1123 label must consist of/,
    );
  });

  it('forbids a second volume type, with the names the server gives them (cephFS, downwarAPI)', () => {
    assert.deepEqual(check('  - name: a\n    emptyDir: {}\n    hostPath: {path: /tmp}\n    cephfs: {monitors: []}\n'), [
      '11:5-11:13 forbidden spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
      '12:5-12:11 forbidden spec.volumes[0].cephFS: Forbidden: may not specify more than 1 volume type',
    ]);
    assert.deepEqual(messages('  - name: a\n    secret: {secretName: s}\n    downwardAPI: {}\n'), [
      'spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type',
    ]);
  });

  it('treats a volume with no source, or a null one, as the emptyDir it defaults to', () => {
    assert.deepEqual(check('  - name: a\n  - name: b\n    emptyDir: null\n    secret: null\n'), []);
  });

  it('says an ephemeral volume has no type in 1.20, where the GenericEphemeralVolume gate is off', () => {
    const eph =
      '  - name: data\n    ephemeral:\n      volumeClaimTemplate:\n        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n';
    assert.deepEqual(check(eph), ['9:5-9:9 required spec.volumes[0]: Required value: must specify a volume type']);
    assert.deepEqual(check(eph, '1.23'), []);
    assert.deepEqual(check(`${eph}    emptyDir: {}\n`), []);
  });
});

describe('configMap, secret, downwardAPI volumes', () => {
  it('requires the configMap name and the secret secretName', () => {
    assert.deepEqual(check('  - name: a\n    configMap: {name: ""}\n  - name: b\n    secret: {optional: true}\n'), [
      '10:17-10:21 required spec.volumes[0].configMap.name: Required value',
      '12:5-12:11 required spec.volumes[1].secret.secretName: Required value',
    ]);
  });

  it('checks defaultMode and item modes against 0-0777', () => {
    assert.deepEqual(
      check(
        '  - name: a\n    configMap: {name: c, defaultMode: 01000, items: [{key: k, path: p, mode: -1}]}\n  - name: b\n    secret: {secretName: s, defaultMode: 0777}\n',
      ),
      [
        '10:39-10:44 invalid-value spec.volumes[0].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive',
        '10:78-10:80 invalid-value spec.volumes[0].configMap.items[0].mode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive',
      ],
    );
  });

  it('requires item keys and relative item paths without ..', () => {
    assert.deepEqual(
      messages(
        '  - name: a\n    configMap: {name: c, items: [{key: "", path: /etc/x}, {key: k, path: a/../../b}, {key: k, path: ..data}, {key: k, path: ""}]}\n',
      ),
      [
        'spec.volumes[0].configMap.items[0].key: Required value',
        'spec.volumes[0].configMap.items[0].path: Invalid value: "/etc/x": must be a relative path',
        `spec.volumes[0].configMap.items[1].path: Invalid value: "a/../../b": must not contain '..'`,
        `spec.volumes[0].configMap.items[2].path: Invalid value: "..data": must not start with '..'`,
        'spec.volumes[0].configMap.items[3].path: Required value',
      ],
    );
  });

  it('names downwardAPI item errors after the source, as the server does, and shows them on the item', () => {
    assert.deepEqual(check('  - name: a\n    downwardAPI: {items: [{path: "", fieldRef: {fieldPath: spec.nodeName}}, {path: x}]}\n'), [
      '10:28-10:32 required spec.volumes[0].downwardAPI.path: Required value',
      '10:60-10:73 unsupported-value spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
      '10:78-10:82 required spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required',
    ]);
  });

  it('checks downwardAPI field references as the server converts them', () => {
    assert.deepEqual(
      messages(`  - name: a
    downwardAPI:
      items:
      - {path: a, fieldRef: {apiVersion: v2, fieldPath: metadata.name}}
      - {path: b, fieldRef: {fieldPath: metadata.nope}}
      - {path: c, fieldRef: {fieldPath: "spec.nodeName['x']"}}
      - {path: d, fieldRef: {fieldPath: spec.host}}
      - {path: e, fieldRef: {fieldPath: metadata.uid}, resourceFieldRef: {containerName: app, resource: limits.cpu}}
`),
      [
        'spec.volumes[0].downwardAPI.fieldRef.fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2',
        'spec.volumes[0].downwardAPI.fieldRef.fieldPath: Invalid value: "metadata.nope": error converting fieldPath: field label not supported: metadata.nope',
        `spec.volumes[0].downwardAPI.fieldRef.fieldPath: Invalid value: "spec.nodeName['x']": error converting fieldPath: field label does not support subscript: spec.nodeName['x']`,
        'spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
        'spec.volumes[0].downwardAPI: Invalid value: "resource": fieldRef and resourceFieldRef can not be specified simultaneously',
      ],
    );
  });

  it('checks downwardAPI resource references and their divisors', () => {
    assert.deepEqual(
      messages(`  - name: a
    downwardAPI:
      items:
      - {path: a, resourceFieldRef: {resource: limits.cpu}}
      - {path: b, resourceFieldRef: {containerName: app, resource: limits.gpu}}
      - {path: c, resourceFieldRef: {containerName: app, resource: limits.cpu, divisor: 2}}
      - {path: d, resourceFieldRef: {containerName: app, resource: requests.memory, divisor: "1024"}}
      - {path: e, resourceFieldRef: {containerName: app, resource: limits.ephemeral-storage, divisor: 1m}}
`),
      [
        'spec.volumes[0].downwardAPI.resourceFieldRef.containerName: Required value',
        'spec.volumes[0].downwardAPI.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
        `spec.volumes[0].downwardAPI.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor's values 1m and 1 are supported with the cpu resource`,
        `spec.volumes[0].downwardAPI.resourceFieldRef.divisor: Invalid value: "requests.memory": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource`,
        `spec.volumes[0].downwardAPI.resourceFieldRef.divisor: Invalid value: "limits.ephemeral-storage": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource`,
      ],
    );
  });

  it('validateContainerResourceFieldSelector: hugepages resources from 1.22 (DownwardAPIHugePages on by default)', () => {
    const huge = '  - name: a\n    downwardAPI: {items: [{path: h, resourceFieldRef: {containerName: app, resource: requests.hugepages-2Mi}}]}\n';
    assert.deepEqual(messages(huge), [
      'spec.volumes[0].downwardAPI.resourceFieldRef.resource: Unsupported value: "requests.hugepages-2Mi": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
    ]);
    assert.deepEqual(messages(huge, '1.23'), []);
  });
});

describe('projected volumes (validateProjectedVolumeSource, validateProjectionSources)', () => {
  it('checks token expirations, the token path under the projected source, one type per source and duplicate paths', () => {
    assert.deepEqual(
      check(`  - name: a
    projected:
      defaultMode: 4095
      sources:
      - serviceAccountToken: {path: t1, expirationSeconds: 599}
      - serviceAccountToken: {path: t2, expirationSeconds: 4294967297}
      - serviceAccountToken: {path: ""}
      - {secret: {name: s}, configMap: {name: c}}
      - secret: {name: "", items: [{key: a, path: same}]}
      - configMap: {name: c, items: [{key: b, path: same}]}
`),
      [
        '11:20-11:24 invalid-value spec.volumes[0].projected.defaultMode: Invalid value: 4095: must be a number between 0 and 0777 (octal), both inclusive',
        '13:60-13:63 invalid-value spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes',
        '14:60-14:70 invalid-value spec.volumes[0].projected.sources[1].serviceAccountToken.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds',
        '15:31-15:35 required spec.volumes[0].projected.path: Required value',
        '16:10-16:16 forbidden spec.volumes[0].projected.sources[3]: Forbidden: may not specify more than 1 volume type',
        '17:18-17:22 required spec.volumes[0].projected.sources[4].secret.name: Required value',
        '18:53-18:57 invalid-value spec.volumes[0].projected: Invalid value: "c": conflicting duplicate paths',
      ],
    );
  });

  it('validateProjectionSources: "more than 1 volume type per source" from 1.31', () => {
    assert.deepEqual(messages('  - name: a\n    projected: {sources: [{secret: {name: s}, configMap: {name: c}}]}\n', '1.31'), [
      'spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source',
    ]);
  });

  it('validateProjectionSources: the token path is a local path from 1.30 (ValidateLocalNonReservedPath)', () => {
    const token = '  - name: a\n    projected: {sources: [{serviceAccountToken: {path: /var/token}}]}\n';
    assert.deepEqual(messages(token, '1.29'), []);
    assert.deepEqual(messages(token, '1.30'), ['spec.volumes[0].projected.path: Invalid value: "/var/token": must be a relative path']);
  });

  it('validateProjectionSources: clusterTrustBundle from 1.29 (clusterTrustBundlePEM in its paths until 1.30)', () => {
    const bundle = `  - name: a
    projected:
      sources:
      - clusterTrustBundle: {path: /abs}
      - clusterTrustBundle: {name: "example.com:signer:x", labelSelector: {}, path: b}
      - clusterTrustBundle: {signerName: example, path: c}
      - clusterTrustBundle: {name: "a:b:Bad", path: d}
      - clusterTrustBundle: {signerName: example.com/s, path: c}
`;
    const expected = (name: string) => [
      `12:9-12:27 required spec.volumes[0].projected.sources[0].${name}: Required value: either name or signerName must be specified`,
      `12:36-12:40 invalid-value spec.volumes[0].projected.sources[0].${name}.path: Invalid value: "/abs": must be a relative path`,
      `13:75-13:77 invalid-value spec.volumes[0].projected.sources[1].${name}.labelSelector: Invalid value: {}: labelSelector must be unset if name is specified`,
      `14:42-14:49 invalid-value spec.volumes[0].projected.sources[2].${name}.signerName: Invalid value: "example": must be a fully qualified domain and path of the form 'example.com/signer-name'`,
      `15:36-15:45 invalid-value spec.volumes[0].projected.sources[3].${name}.name: Invalid value: "a:b:Bad": not a valid clustertrustbundlename: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `16:63-16:64 invalid-value spec.volumes[0].projected: Invalid value: "c": conflicting duplicate paths`,
    ];
    assert.deepEqual(check(bundle, '1.29'), expected('clusterTrustBundlePEM'));
    assert.deepEqual(check(bundle, '1.31'), expected('clusterTrustBundle'));
  });

  it('validateProjectionSources: podCertificate from 1.34', () => {
    assert.deepEqual(
      messages(
        `  - name: a
    projected:
      sources:
      - podCertificate: {signerName: kubernetes.io/x, keyType: RSA1024, maxExpirationSeconds: 100000}
      - podCertificate: {signerName: example.com/x, keyType: ED25519, maxExpirationSeconds: 600, keyPath: k, certificateChainPath: ../c}
`,
        '1.34',
      ),
      [
        'spec.volumes[0].projected.sources[0].podCertificate: Required value: specify at least one of credentialBundlePath, keyPath, and certificateChainPath',
        'spec.volumes[0].projected.sources[0].podCertificate.keyType: Unsupported value: "RSA1024": supported values: "RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", "ED25519"',
        'spec.volumes[0].projected.sources[0].podCertificate.maxExpirationSeconds: Invalid value: 100000: if provided, maxExpirationSeconds must be <= 86400',
        'spec.volumes[0].projected.sources[1].podCertificate.maxExpirationSeconds: Invalid value: 600: if provided, maxExpirationSeconds must be >= 3600',
        `spec.volumes[0].projected.sources[1].podCertificate.certificateChainPath: Invalid value: "../c": must not contain '..'`,
      ],
    );
  });
});

describe('hostPath, nfs, emptyDir, persistentVolumeClaim, gitRepo', () => {
  it('checks hostPath path and type (the type defaults to "")', () => {
    assert.deepEqual(
      messages(
        '  - name: a\n    hostPath: {path: ""}\n  - name: b\n    hostPath: {path: /var/../etc, type: Dir}\n  - name: c\n    hostPath: {path: relative, type: ""}\n',
      ),
      [
        'spec.volumes[0].hostPath.path: Required value',
        `spec.volumes[1].hostPath.path: Invalid value: "/var/../etc": must not contain '..'`,
        'spec.volumes[1].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      ],
    );
  });

  it('requires an nfs server and an absolute path', () => {
    assert.deepEqual(messages('  - name: a\n    nfs: {server: "", path: exports}\n  - name: b\n    nfs: {server: s, path: ""}\n'), [
      'spec.volumes[0].nfs.server: Required value',
      'spec.volumes[0].nfs.path: Invalid value: "exports": must be an absolute path',
      'spec.volumes[1].nfs.path: Required value',
      'spec.volumes[1].nfs.path: Invalid value: "": must be an absolute path',
    ]);
  });

  it('forbids a negative emptyDir sizeLimit, on its value', () => {
    assert.deepEqual(check('  - name: a\n    emptyDir: {sizeLimit: -1Gi}\n  - name: b\n    emptyDir: {sizeLimit: "0"}\n'), [
      '10:27-10:31 forbidden spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity',
    ]);
  });

  it('requires a claimName and a gitRepo repository; the directory is relative without ..', () => {
    assert.deepEqual(
      messages(
        '  - name: a\n    persistentVolumeClaim: {claimName: ""}\n  - name: b\n    gitRepo: {repository: "", directory: /abs}\n  - name: c\n    gitRepo: {repository: r, directory: a/..}\n',
      ),
      [
        'spec.volumes[0].persistentVolumeClaim.claimName: Required value',
        'spec.volumes[1].gitRepo.repository: Required value',
        'spec.volumes[1].gitRepo.directory: Invalid value: "/abs": must be a relative path',
        `spec.volumes[2].gitRepo.directory: Invalid value: "a/..": must not contain '..'`,
      ],
    );
  });
});

describe('block and network volume sources', () => {
  it('names gcePersistentDisk errors under persistentDisk, as the server does, shown on the field', () => {
    assert.deepEqual(check('  - name: a\n    gcePersistentDisk: {pdName: "", partition: 256}\n'), [
      '10:25-10:31 required spec.volumes[0].persistentDisk.pdName: Required value',
      '10:48-10:51 invalid-value spec.volumes[0].persistentDisk.partition: Invalid value: 256: must be between 1 and 255, inclusive',
    ]);
  });

  it('checks iscsi names, lun, CHAP secret, and the <volume name>:<targetPortal> length with an initiator', () => {
    assert.deepEqual(
      messages(`  - name: a
    iscsi: {targetPortal: "", iqn: "xyz.2001", lun: 256, chapAuthSession: true, initiatorName: "eui.123"}
  - name: b
    iscsi: {targetPortal: "p:3260", iqn: "iqn.01-04.com.example:x", lun: 1}
  - name: a-rather-long-volume-name-for-an-iscsi-disk
    iscsi: {targetPortal: "storage.example.com:3260", iqn: "naa.12345678901234567890123456789012", lun: 1, initiatorName: "iqn.1996-04.de.suse:01:a2b3c4"}
`),
      [
        'spec.volumes[0].iscsi.secretRef: Required value',
        'spec.volumes[0].iscsi.targetPortal: Required value',
        'spec.volumes[0].iscsi.iqn: Invalid value: "xyz.2001": must be valid format starting with iqn, eui, or naa',
        'spec.volumes[0].iscsi.lun: Invalid value: 256: must be between 0 and 255, inclusive',
        'spec.volumes[0].iscsi.initiatorname: Invalid value: "eui.123": must be valid format',
        'spec.volumes[1].iscsi.iqn: Invalid value: "iqn.01-04.com.example:x": must be valid format',
        'spec.volumes[2].name: Invalid value: "a-rather-long-volume-name-for-an-iscsi-disk": Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.',
      ],
    );
  });

  it('checks fc targets and lun', () => {
    assert.deepEqual(
      messages(
        '  - name: a\n    fc: {lun: 0}\n  - name: b\n    fc: {targetWWNs: ["500a0982991b8dc5"]}\n  - name: c\n    fc: {targetWWNs: ["500a0982991b8dc5"], lun: 256}\n',
      ),
      [
        'spec.volumes[0].fc.targetWWNs: Required value: must specify either targetWWNs or wwids, but not both',
        'spec.volumes[1].fc.lun: Required value: lun is required if targetWWNs is specified',
        'spec.volumes[2].fc.lun: Invalid value: 256: must be between 0 and 255, inclusive',
      ],
    );
  });

  it('checks azureDisk over its defaults (kind Shared wants an https:// diskURI)', () => {
    assert.deepEqual(
      messages(
        '  - name: a\n    azureDisk: {diskName: d, diskURI: /subscriptions/x}\n  - name: b\n    azureDisk: {diskName: "", diskURI: "https://a/b.vhd", cachingMode: Sometimes, kind: Premium}\n',
      ),
      [
        'spec.volumes[0].azureDisk.diskURI: Unsupported value: "/subscriptions/x": supported values: "https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"',
        'spec.volumes[1].azureDisk.diskName: Required value',
        'spec.volumes[1].azureDisk.cachingMode: Unsupported value: "Sometimes": supported values: "None", "ReadOnly", "ReadWrite"',
        'spec.volumes[1].azureDisk.kind: Unsupported value: "Premium": supported values: "Dedicated", "Managed", "Shared"',
      ],
    );
  });

  it('checks the other in-tree sources required fields', () => {
    assert.deepEqual(
      messages(`  - name: a
    awsElasticBlockStore: {volumeID: ""}
  - name: b
    rbd: {monitors: [], image: ""}
  - name: c
    cephfs: {monitors: []}
  - name: d
    glusterfs: {endpoints: "", path: ""}
  - name: e
    cinder: {volumeID: "", secretRef: {name: ""}}
  - name: f
    azureFile: {secretName: "", shareName: ""}
  - name: g
    vsphereVolume: {volumePath: ""}
  - name: h
    photonPersistentDisk: {pdID: ""}
  - name: i
    portworxVolume: {volumeID: ""}
  - name: j
    scaleIO: {gateway: "", system: "", volumeName: "", secretRef: {name: s}}
  - name: k
    flexVolume: {driver: "", options: {"kubernetes.io/secret": "x", "example.com/ok": "y", "Sub.K8S.io": "z"}}
  - name: l
    flocker: {datasetName: a/b, datasetUUID: u}
  - name: m
    flocker: {}
`),
      [
        'spec.volumes[0].awsElasticBlockStore.volumeID: Required value',
        'spec.volumes[1].rbd.monitors: Required value',
        'spec.volumes[1].rbd.image: Required value',
        'spec.volumes[2].cephfs.monitors: Required value',
        'spec.volumes[3].glusterfs.endpoints: Required value',
        'spec.volumes[3].glusterfs.path: Required value',
        'spec.volumes[4].cinder.volumeID: Required value',
        'spec.volumes[4].cinder.secretRef.name: Required value',
        'spec.volumes[5].azureFile.secretName: Required value',
        'spec.volumes[5].azureFile.shareName: Required value',
        'spec.volumes[6].vsphereVolume.volumePath: Required value',
        'spec.volumes[7].photonPersistentDisk.pdID: Required value',
        'spec.volumes[8].portworxVolume.volumeID: Required value',
        'spec.volumes[9].scaleIO.gateway: Required value',
        'spec.volumes[9].scaleIO.system: Required value',
        'spec.volumes[9].scaleIO.volumeName: Required value',
        'spec.volumes[10].flexVolume.driver: Required value',
        'spec.volumes[10].flexVolume.options[kubernetes.io/secret]: Invalid value: "kubernetes.io/secret": kubernetes.io and k8s.io namespaces are reserved',
        'spec.volumes[10].flexVolume.options[Sub.K8S.io]: Invalid value: "Sub.K8S.io": kubernetes.io and k8s.io namespaces are reserved',
        'spec.volumes[11].flocker: Invalid value: "resource": datasetName and datasetUUID can not be specified simultaneously',
        `spec.volumes[11].flocker.datasetName: Invalid value: "a/b": must not contain '/'`,
        'spec.volumes[12].flocker: Required value: one of datasetName and datasetUUID is required',
      ],
    );
  });

  it('checks quobyte registries as host:port pairs and the tenant length', () => {
    assert.deepEqual(
      messages(`  - name: a
    quobyte: {registry: "reg1,a:b:1", volume: ""}
  - name: b
    quobyte: {registry: "r:1", volume: v, tenant: "${'t'.repeat(65)}"}
`),
      [
        'spec.volumes[0].quobyte.registry: Invalid value: "reg1,a:b:1": must be a host:port pair or multiple pairs separated by commas',
        'spec.volumes[0].quobyte.registry: Invalid value: "reg1,a:b:1": must be a host:port pair or multiple pairs separated by commas',
        'spec.volumes[0].quobyte.volume: Required value',
        'spec.volumes[1].quobyte.tenant: Required value: must be a UUID and may not exceed a length of 64 characters',
      ],
    );
  });

  it('checks storageos names as DNS-1123 labels', () => {
    const got = messages('  - name: a\n    storageos: {volumeName: Vol_1, volumeNamespace: NS, secretRef: {name: ""}}\n');
    assert.equal(got.length, 3);
    assert.match(got[0], /^spec\.volumes\[0\]\.storageos\.volumeName: Invalid value: "Vol_1": a lowercase RFC 1123 label/);
    assert.match(got[1], /^spec\.volumes\[0\]\.storageos\.volumeNamespace: Invalid value: "NS": a lowercase RFC 1123 label/);
    assert.equal(got[2], 'spec.volumes[0].storageos.secretRef.name: Required value');
  });
});

describe('csi and image volumes', () => {
  it('checks the csi driver name and the secret name (named csi.name by the server)', () => {
    const got = messages(`  - name: a
    csi: {driver: "My_Driver"}
  - name: b
    csi: {driver: ${'d'.repeat(64)}, nodePublishSecretRef: {name: Bad_Secret}}
`);
    assert.equal(got.length, 3);
    assert.match(got[0], /^spec\.volumes\[0\]\.csi\.driver: Invalid value: "My_Driver": a lowercase RFC 1123 subdomain/);
    assert.equal(got[1], 'spec.volumes[1].csi.driver: Too long: must have at most 63 bytes');
    assert.match(got[2], /^spec\.volumes\[1\]\.csi\.name: Invalid value: "Bad_Secret": a lowercase RFC 1123 subdomain/);
  });

  it('validateCSIVolumeSource: the nodePublishSecretRef path lost its trailing space in 1.24', () => {
    const csi = '  - name: a\n    csi: {driver: d.example.com, nodePublishSecretRef: {name: ""}}\n';
    assert.deepEqual(check(csi, '1.23'), ['10:57-10:61 required spec.volumes[0].csi.nodePublishSecretRef .name: Required value']);
    assert.deepEqual(check(csi, '1.24'), ['10:57-10:61 required spec.volumes[0].csi.nodePublishSecretRef.name: Required value']);
  });

  it('ValidateCSIDriverName: an empty driver is only Required from 1.35', () => {
    assert.deepEqual(messages('  - name: a\n    csi: {driver: ""}\n', '1.35'), ['spec.volumes[0].csi.driver: Required value']);
    assert.equal(messages('  - name: a\n    csi: {driver: ""}\n', '1.34').length, 2);
  });

  it('validateImageVolumeSource (1.31+): a reference, a known pull policy, one type', () => {
    assert.deepEqual(
      check('  - name: a\n    image: {reference: "", pullPolicy: Sometimes}\n  - name: b\n    emptyDir: {}\n    image: {reference: busybox}\n', '1.31'),
      [
        '10:13-10:22 required spec.volumes[0].image.reference: Required value',
        '10:40-10:49 unsupported-value spec.volumes[0].image.pullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        '13:5-13:10 forbidden spec.volumes[1].image: Forbidden: may not specify more than 1 volume type',
      ],
    );
  });
});

describe('ephemeral volumes (validateEphemeralVolumeSource, ValidatePersistentVolumeClaimSpec), 1.21+', () => {
  const eph = (template: string) => `  - name: data\n    ephemeral:\n      volumeClaimTemplate:\n${template}`;

  it('ValidatePersistentVolumeClaimSpec: access modes, storage request, class, volume mode, data source', () => {
    assert.deepEqual(
      check(
        eph(`        spec:
          accessModes: []
          resources: {requests: {storage: 0}}
          volumeMode: Blocky
          storageClassName: fast.ssd
          dataSource: {kind: Snap, name: ""}
`),
        '1.23',
      ),
      [
        '13:11-13:22 required spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes: Required value: at least 1 access mode is required',
        '14:43-14:44 invalid-value spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]: Invalid value: "0": must be greater than zero',
        '15:23-15:29 unsupported-value spec.volumes[0].ephemeral.volumeClaimTemplate.spec.volumeMode: Unsupported value: "Blocky": supported values: "Block", "Filesystem"',
        '17:11-17:21 invalid-value spec.volumes[0].ephemeral.volumeClaimTemplate.spec.dataSource: Invalid value: "Snap"',
        '17:36-17:40 required spec.volumes[0].ephemeral.volumeClaimTemplate.spec.dataSource.name: Required value',
      ],
    );
  });

  it('validateEphemeralVolumeSource: a claim template is required; the storage request too', () => {
    assert.deepEqual(
      messages('  - name: a\n    ephemeral: {}\n  - name: b\n    ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}\n', '1.23'),
      [
        'spec.volumes[0].ephemeral.volumeClaimTemplate: Required value',
        'spec.volumes[1].ephemeral.volumeClaimTemplate.spec.resources[storage]: Required value',
      ],
    );
  });

  it('ValidateVolumes: no persistentVolumeClaim of a PVC an ephemeral volume creates; the PVC name is a DNS subdomain', () => {
    const got = messages(
      `${eph('        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n')}  - name: claim\n    persistentVolumeClaim: {claimName: p-data}\n`,
      '1.23',
    );
    assert.deepEqual(got, [
      'spec.volumes[1].persistentVolumeClaim.claimName: Invalid value: "p-data": must not reference a PVC that gets created for an ephemeral volume',
    ]);
  });

  it('ValidatePersistentVolumeClaimTemplate: only labels and annotations in the metadata ("cannot be set" from 1.26)', () => {
    const meta = eph(`        metadata: {name: x, uid: "1", labels: {app: a}}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    assert.deepEqual(messages(meta, '1.23'), [
      'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.name: Forbidden: cannot be set for an ephemeral volume',
      'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.uID: Forbidden: cannot be set for an ephemeral volume',
    ]);
    assert.deepEqual(messages(meta, '1.26'), [
      'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.name: Forbidden: cannot be set',
      'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.uID: Forbidden: cannot be set',
    ]);
  });

  it('ValidatePersistentVolumeClaimSpec: ReadWriteOncePod supported from 1.27, alone (1.22+)', () => {
    const rwop = eph('        spec: {accessModes: [ReadWriteOncePod, ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n');
    assert.deepEqual(messages(rwop, '1.27'), [
      'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
    ]);
    assert.ok(
      messages(rwop, '1.26').includes(
        'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
      ),
    );
  });

  it('validateDataSource / validateDataSourceRef (1.22+): the message from 1.26, apiGroup checked from 1.29, refs match', () => {
    const ds = eph(`        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
          dataSource: {kind: Snap, name: s, apiGroup: Bad_Group}
          dataSourceRef: {kind: Snap, name: t, apiGroup: Bad_Group}
`);
    const got = messages(ds, '1.29');
    assert.equal(got.length, 3);
    assert.match(
      got[1],
      /^spec\.volumes\[0\]\.ephemeral\.volumeClaimTemplate\.spec\.dataSource\.apiGroup: Invalid value: "Bad_Group": a lowercase RFC 1123 subdomain/,
    );
    assert.match(got[2], /^spec\.volumes\[0\]\.ephemeral\.volumeClaimTemplate\.spec\.dataSourceRef\.apiGroup: Invalid value: "Bad_Group"/);
    assert.equal(
      got[0],
      'spec.volumes[0].ephemeral.volumeClaimTemplate.spec: Invalid value: "spec.volumes[0].ephemeral.volumeClaimTemplate.spec.dataSource": must match dataSourceRef',
    );
    const core = eph(`        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, dataSource: {kind: Snap, name: s}}\n`);
    assert.deepEqual(messages(core, '1.26'), [
      `spec.volumes[0].ephemeral.volumeClaimTemplate.spec.dataSource: Invalid value: "Snap": must be 'PersistentVolumeClaim' when referencing the default apiGroup`,
    ]);
  });

  it('ValidateLabelSelector: selector values are label values from 1.26', () => {
    const sel = eph(`        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
          selector: {matchExpressions: [{key: a, operator: In, values: ["bad value"]}, {key: b, operator: Exists, values: [x]}, {key: c, operator: Near}]}
`);
    const forbiddenValues =
      "spec.volumes[0].ephemeral.volumeClaimTemplate.spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'";
    const badOperator =
      'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.selector.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator';
    assert.deepEqual(messages(sel, '1.25'), [forbiddenValues, badOperator]);
    const newer = messages(sel, '1.26');
    assert.equal(newer.length, 3);
    assert.match(newer[0], /matchExpressions\[0\]\.values\[0\]: Invalid value: "bad value": a valid label must be an empty string/);
  });
});
