/**
 * The allowed values of every enum-valued field a Pod has.
 *
 * The OpenAPI documents Kubernetes serves carry no `enum` lists: allowed values are only named in
 * description text ("One of Always, OnFailure, Never."). This table is curated from the API
 * server's validation code (pkg/apis/core/validation) so that a bad value is reported with the
 * server's own words: `Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`.
 */
export interface EnumEntry {
  /** Short definition name: the last dotted segment of the OpenAPI name (`PodSpec`, `Toleration`, `LabelSelectorRequirement`). */
  type: string;
  /** Property of that definition. For an array of strings, the values apply to each item. */
  field: string;
  /** Allowed values, in the order the API server lists them in its `supported values:` message. */
  values: string[];
  /** First Kubernetes version ("1.20", "1.23" … "1.35") these values apply to; omitted = from 1.20. */
  from?: string;
  /** Last version these values apply to (inclusive); omitted = up to the newest. */
  to?: string;
  /** Where the values come from upstream (function or constant in kubernetes/kubernetes), for reviewers. */
  source: string;
  /**
   * Where the server words a bad value as `Invalid value: "x": <invalid>` (field.Invalid) rather
   * than `Unsupported value: "x": supported values: …` (field.NotSupported).
   */
  invalid?: string;
}

// How this table was built (for reviewers):
//
// * Values and their order come from pkg/apis/core/validation/validation.go (and, for
//   LabelSelectorRequirement, staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation) of the
//   released versions 1.20.0, 1.23.0, 1.24.0, 1.25.0, 1.26.1, 1.27.4, 1.28.0, 1.29.3, 1.30.0, 1.31.0,
//   1.32.3, 1.33.3, 1.34.1 and 1.35.7. Where upstream builds the list with sets.NewString(...).List()
//   or sets.List(sets.New(...)) the message is sorted byte-wise ("SCTP", "TCP", "UDP"); where it
//   passes a literal slice the slice order is kept ("Always", "OnFailure", "Never").
// * "Default-gates behaviour": a field whose feature gate is off by default in a version is dropped
//   by pkg/api/pod/util.go dropDisabledFields (or rejected as a whole) before validation, so no
//   `Unsupported value` can come from it; such versions have no entry (enumValues returns undefined).
// * Where upstream rejects a bad value with `field.Invalid` and a fixed sentence instead of
//   `field.NotSupported` (no "supported values:" list), the entry still lists the accepted values,
//   in the order the validation switch (and the field description) names them, and `source` quotes
//   the server's message.
// * `source` paths are relative to kubernetes/kubernetes; "util.go" means pkg/api/pod/util.go.

const V = 'pkg/apis/core/validation/validation.go';

export const ENUMS: EnumEntry[] = [
  // ---------------------------------------------------------------- PodSpec
  {
    type: 'PodSpec',
    field: 'restartPolicy',
    values: ['Always', 'OnFailure', 'Never'],
    source: `${V} validateRestartPolicy (NotSupported, literal list); "" is defaulted to Always before validation`,
  },
  {
    type: 'PodSpec',
    field: 'dnsPolicy',
    values: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
    source: `${V} validateDNSPolicy (NotSupported, literal list)`,
  },
  {
    type: 'PodSpec',
    field: 'preemptionPolicy',
    values: ['PreemptLowerPriority', 'Never'],
    source:
      `${V} ValidatePreemptionPolicy (NotSupported, literal list). Note: with the default Priority admission ` +
      'plugin a value that differs from the one computed from the PriorityClass is rejected first, as Forbidden',
  },

  // ---------------------------------------------------------------- Container / EphemeralContainer
  {
    type: 'Container',
    field: 'imagePullPolicy',
    values: ['Always', 'IfNotPresent', 'Never'],
    source: `${V} validatePullPolicy, supportedPullPolicies (NotSupported, sorted set)`,
  },
  {
    type: 'EphemeralContainer',
    field: 'imagePullPolicy',
    values: ['Always', 'IfNotPresent', 'Never'],
    // EphemeralContainers was alpha (off by default) in 1.20: util.go dropped spec.ephemeralContainers.
    from: '1.23',
    source: `${V} validatePullPolicy via validateEphemeralContainers, supportedPullPolicies (NotSupported, sorted set)`,
  },
  {
    type: 'Container',
    field: 'terminationMessagePolicy',
    values: ['File', 'FallbackToLogsOnError'],
    to: '1.24',
    source: `${V} validateContainers: field.Invalid "must be 'File' or 'FallbackToLogsOnError'" (no supported-values list)`,
    invalid: "must be 'File' or 'FallbackToLogsOnError'",
  },
  {
    type: 'Container',
    field: 'terminationMessagePolicy',
    values: ['File', 'FallbackToLogsOnError'],
    from: '1.25',
    source: `${V} validateContainerCommon (NotSupported, literal list)`,
  },
  {
    type: 'EphemeralContainer',
    field: 'terminationMessagePolicy',
    values: ['File', 'FallbackToLogsOnError'],
    from: '1.23',
    to: '1.24',
    source: `${V} validateContainers via validateEphemeralContainers: field.Invalid "must be 'File' or 'FallbackToLogsOnError'"`,
    invalid: "must be 'File' or 'FallbackToLogsOnError'",
  },
  {
    type: 'EphemeralContainer',
    field: 'terminationMessagePolicy',
    values: ['File', 'FallbackToLogsOnError'],
    from: '1.25',
    source: `${V} validateContainerCommon via validateEphemeralContainers (NotSupported, literal list)`,
  },
  // Container.restartPolicy:
  //  1.28     SidecarContainers alpha (off): util.go drops initContainers[*].restartPolicy -> no entry.
  //  1.29-33  only init containers may set it, only "Always"; on regular containers any value is
  //           Forbidden ("may not be set for non-init containers"), on ephemeral containers Forbidden.
  //  1.34     ContainerRestartRules alpha (off): util.go dropContainerRestartRules silently drops every
  //           value other than "Always" on init containers and any value on regular containers, so the
  //           server never reports an unsupported value -> no entry.
  //  1.35     ContainerRestartRules beta (on): init and regular containers accept all three.
  {
    type: 'Container',
    field: 'restartPolicy',
    values: ['Always'],
    from: '1.29',
    to: '1.33',
    source: `${V} validateInitContainerRestartPolicy (NotSupported, literal list); init containers only`,
  },
  {
    type: 'Container',
    field: 'restartPolicy',
    values: ['Always', 'Never', 'OnFailure'],
    from: '1.35',
    source: `${V} validateContainerRestartPolicy, supportedContainerRestartPolicies (NotSupported, sorted set)`,
  },
  {
    type: 'ContainerRestartRule',
    field: 'action',
    values: ['Restart'],
    // 1.34: ContainerRestartRules alpha (off), restartPolicyRules dropped by util.go.
    // 1.35: "RestartAllContainers" needs RestartAllContainersOnContainerExits (alpha, off).
    from: '1.35',
    source: `${V} validateContainerRestartPolicy, supportedContainerRestartRuleActions (NotSupported, sorted set)`,
  },
  {
    type: 'ContainerRestartRuleOnExitCodes',
    field: 'operator',
    values: ['In', 'NotIn'],
    from: '1.35',
    source: `${V} validateContainerRestartPolicy, supportedContainerRestartPolicyOperators (NotSupported, sorted set)`,
  },
  {
    type: 'ContainerPort',
    field: 'protocol',
    values: ['SCTP', 'TCP', 'UDP'],
    source: `${V} validateContainerPorts, supportedPortProtocols (NotSupported, sorted set)`,
  },
  {
    type: 'ContainerResizePolicy',
    field: 'resourceName',
    values: ['cpu', 'memory'],
    // InPlacePodVerticalScaling alpha (off) 1.27-1.32: util.go drops containers[*].resizePolicy.
    from: '1.33',
    source: `${V} validateResizePolicy, supportedResizeResources (NotSupported, sorted set)`,
  },
  {
    type: 'ContainerResizePolicy',
    field: 'restartPolicy',
    values: ['NotRequired', 'RestartContainer'],
    from: '1.33',
    source: `${V} validateResizePolicy, supportedResizePolicies (NotSupported, sorted set)`,
  },

  // ---------------------------------------------------------------- probes and lifecycle handlers
  {
    type: 'HTTPGetAction',
    field: 'scheme',
    values: ['HTTP', 'HTTPS'],
    source: `${V} validateHTTPGetAction, supportedHTTPSchemes (NotSupported, sorted set); "" is defaulted to HTTP`,
  },

  // ---------------------------------------------------------------- security contexts
  {
    type: 'PodSecurityContext',
    field: 'fsGroupChangePolicy',
    values: ['Always', 'OnRootMismatch'],
    source: `${V} validateFSGroupChangePolicy, validFSGroupChangePolicies (NotSupported, sorted set)`,
  },
  {
    type: 'PodSecurityContext',
    field: 'supplementalGroupsPolicy',
    values: ['Merge', 'Strict'],
    // SupplementalGroupsPolicy alpha (off) 1.31-1.32: util.go drops the field.
    from: '1.33',
    source: `${V} validateSupplementalGroupsPolicy, validSupplementalGroupsPolicies (NotSupported, sorted set)`,
  },
  {
    type: 'PodSecurityContext',
    field: 'seLinuxChangePolicy',
    // SELinuxChangePolicy alpha (off) in 1.32: util.go drops the field. From 1.33 the field is on, but
    // "MountOption" needs the SELinuxMount gate (beta, off by default through 1.35): util.go
    // useOnlyRecursiveSELinuxChangePolicy sets AllowOnlyRecursiveSELinuxChangePolicy on create, and
    // the server answers `supported values: "Recursive"`.
    values: ['Recursive'],
    from: '1.33',
    source: `${V} validateSELinuxChangePolicy with opts.AllowOnlyRecursiveSELinuxChangePolicy (NotSupported, literal list)`,
  },
  {
    type: 'SecurityContext',
    field: 'procMount',
    values: ['Default', 'Unmasked'],
    // ProcMountType off by default until 1.32 (alpha, then beta-off): util.go dropDisabledProcMountField
    // forces the field to "Default". On by default from 1.33.
    from: '1.33',
    source: `${V} ValidateProcMountType (NotSupported, literal list)`,
  },
  {
    type: 'SeccompProfile',
    field: 'type',
    values: ['Localhost', 'RuntimeDefault', 'Unconfined'],
    source: `${V} validateSeccompProfileType (NotSupported, literal list)`,
  },
  {
    type: 'AppArmorProfile',
    field: 'type',
    values: ['Localhost', 'RuntimeDefault', 'Unconfined'],
    from: '1.30',
    source: `${V} ValidateAppArmorProfileField (NotSupported, literal list)`,
  },

  // ---------------------------------------------------------------- scheduling
  {
    type: 'Toleration',
    field: 'operator',
    // "" is accepted and means Equal (not listed). In 1.35 "Lt"/"Gt" need TaintTolerationComparisonOperators
    // (alpha, off); with the gate off they are rejected, and only for those two values the message lists
    // "Equal", "Exists", "Lt", "Gt".
    values: ['Equal', 'Exists'],
    source: `${V} ValidateTolerations (NotSupported, literal list)`,
  },
  {
    type: 'Toleration',
    field: 'effect',
    // "" is accepted and means all effects (not listed).
    values: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
    source: `${V} validateTaintEffect via ValidateTolerations (NotSupported, literal list)`,
  },
  {
    type: 'TopologySpreadConstraint',
    field: 'whenUnsatisfiable',
    values: ['DoNotSchedule', 'ScheduleAnyway'],
    source: `${V} ValidateWhenUnsatisfiable/validateWhenUnsatisfiable, supportedScheduleActions (NotSupported, sorted set)`,
  },
  {
    type: 'TopologySpreadConstraint',
    field: 'nodeAffinityPolicy',
    values: ['Honor', 'Ignore'],
    // NodeInclusionPolicyInPodTopologySpread alpha (off) in 1.25: util.go drops the field.
    from: '1.26',
    source: `${V} validateNodeInclusionPolicy, supportedPodTopologySpreadNodePolicies (NotSupported, sorted set)`,
  },
  {
    type: 'TopologySpreadConstraint',
    field: 'nodeTaintsPolicy',
    values: ['Honor', 'Ignore'],
    from: '1.26',
    source: `${V} validateNodeInclusionPolicy, supportedPodTopologySpreadNodePolicies (NotSupported, sorted set)`,
  },
  {
    type: 'NodeSelectorRequirement',
    field: 'operator',
    // In nodeSelectorTerms[*].matchFields only In and NotIn are accepted (ValidateNodeFieldSelectorRequirement).
    values: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
    source: `${V} ValidateNodeSelectorRequirement: field.Invalid "not a valid selector operator" (no supported-values list)`,
    invalid: 'not a valid selector operator',
  },
  {
    type: 'LabelSelectorRequirement',
    field: 'operator',
    values: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
    source:
      'staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabelSelectorRequirement: ' +
      'field.Invalid "not a valid selector operator" (no supported-values list)',
    invalid: 'not a valid selector operator',
  },
  {
    type: 'PodOS',
    field: 'name',
    values: ['linux', 'windows'],
    // IdentifyPodOS alpha (off) in 1.23: spec.os is Forbidden/dropped. The error path is spec.os, not spec.os.name.
    from: '1.24',
    source: `${V} validateOS, validOS (NotSupported, sorted set)`,
  },

  // ---------------------------------------------------------------- volumes and mounts
  {
    type: 'VolumeMount',
    field: 'mountPropagation',
    values: ['Bidirectional', 'HostToContainer', 'None'],
    source: `${V} validateMountPropagation, supportedMountPropagations (NotSupported, sorted set)`,
  },
  {
    type: 'VolumeMount',
    field: 'recursiveReadOnly',
    values: ['Disabled', 'Enabled', 'IfPossible'],
    // RecursiveReadOnlyMounts alpha (off) in 1.30: util.go drops the field.
    from: '1.31',
    source: `${V} validateMountRecursiveReadOnly, supportedRRO (NotSupported, sorted set)`,
  },
  {
    type: 'HostPathVolumeSource',
    field: 'type',
    values: ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'],
    source: `${V} validateHostPathType, supportedHostPathTypes (NotSupported, sorted set; "" = HostPathUnset)`,
  },
  {
    type: 'AzureDiskVolumeSource',
    field: 'cachingMode',
    values: ['None', 'ReadOnly', 'ReadWrite'],
    source: `${V} validateAzureDisk, supportedCachingModes (NotSupported, sorted set)`,
  },
  {
    type: 'AzureDiskVolumeSource',
    field: 'kind',
    values: ['Dedicated', 'Managed', 'Shared'],
    source: `${V} validateAzureDisk, supportedDiskKinds (NotSupported, sorted set)`,
  },
  {
    type: 'ImageVolumeSource',
    field: 'pullPolicy',
    values: ['Always', 'IfNotPresent', 'Never'],
    // ImageVolume alpha 1.31, beta-off 1.33-1.34: util.go drops image volumes. On by default from 1.35.
    from: '1.35',
    source: `${V} validateImageVolumeSource -> validatePullPolicy (NotSupported, sorted set)`,
  },
  // PersistentVolumeClaimSpec is reachable from a Pod only through volumes[*].ephemeral.volumeClaimTemplate;
  // GenericEphemeralVolume was alpha (off by default) in 1.20, so these start at 1.23.
  {
    type: 'PersistentVolumeClaimSpec',
    field: 'accessModes',
    // ReadWriteOncePod alpha (off) through 1.26: AllowReadWriteOncePod is false and it is not listed.
    values: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce'],
    from: '1.23',
    to: '1.26',
    source: `${V} ValidatePersistentVolumeClaimSpec, expandedSupportedAccessModes (NotSupported, sorted set)`,
  },
  {
    type: 'PersistentVolumeClaimSpec',
    field: 'accessModes',
    values: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
    from: '1.27',
    source: `${V} ValidatePersistentVolumeClaimSpec, supportedAccessModes (NotSupported, sorted set)`,
  },
  {
    type: 'PersistentVolumeClaimSpec',
    field: 'volumeMode',
    values: ['Block', 'Filesystem'],
    from: '1.23',
    source: `${V} ValidatePersistentVolumeClaimSpec, supportedVolumeModes (NotSupported, sorted set)`,
  },
];

function minorOf(version: string): number {
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) throw new Error(`not a Kubernetes version of the form "1.NN": ${JSON.stringify(version)}`);
  return Number(m[1]);
}

/** Whether `entry` applies to `version` ("1.20" … "1.35"), comparing minors numerically. */
export function entryCovers(entry: EnumEntry, version: string): boolean {
  const minor = minorOf(version);
  const from = minorOf(entry.from ?? '1.20');
  const to = entry.to === undefined ? Number.POSITIVE_INFINITY : minorOf(entry.to);
  return from <= minor && minor <= to;
}

/**
 * The allowed values of `type.field` in Kubernetes `version`, in the API server's order, or
 * undefined when the field has no enum in that version (not enum-valued, not present, or dropped
 * because its feature gate is off by default).
 */
export function enumValues(type: string, field: string, version: string): string[] | undefined {
  return enumEntry(type, field, version)?.values;
}

export function enumEntry(type: string, field: string, version: string): EnumEntry | undefined {
  return ENUMS.find((e) => e.type === type && e.field === field && entryCovers(e, version));
}
