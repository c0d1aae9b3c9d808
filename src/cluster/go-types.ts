// The Go type of each API field whose type the TypeScript schema cannot tell: kubernetes-types
// writes int32 and int64 both as `number`, and named Go types (`type Protocol string`,
// `type ResourceList map[ResourceName]resource.Quantity`) as their underlying type. The apiserver's
// JSON decoder names the Go type in its errors (`... of type v1.Protocol`), so we keep it here.
// Source: k8s.io/api v0.32.4 {core,apps,discovery,coordination}/v1/types.go and
// k8s.io/apimachinery v0.32.4 pkg/apis/meta/v1/types.go, as reflect's Type.String() prints them.
// Every other field: string -> string, integer -> int32, boolean -> bool, a struct -> v1.<Name>.

/** Go type -> the `Struct.field`s that have it. */
const GO_TYPES: readonly [string, string][] = [
  ['[]int64', 'PodSecurityContext.supplementalGroups'],
  ['[]v1.Capability', 'Capabilities.add Capabilities.drop'],
  ['[]v1.FinalizerName', 'NamespaceSpec.finalizers'],
  ['[]v1.IPFamily', 'ServiceSpec.ipFamilies'],
  ['[]v1.PersistentVolumeAccessMode', 'PersistentVolumeClaimSpec.accessModes'],
  ['[]v1.UniqueVolumeName', 'NodeStatus.volumesInUse'],
  ['int64', 'DeploymentStatus.observedGeneration ReplicaSetStatus.observedGeneration ContainerImage.sizeBytes PodSecurityContext.fsGroup PodSecurityContext.runAsGroup PodSecurityContext.runAsUser PodSpec.activeDeadlineSeconds PodSpec.terminationGracePeriodSeconds Probe.terminationGracePeriodSeconds SecurityContext.runAsGroup SecurityContext.runAsUser ServiceAccountTokenProjection.expirationSeconds SleepAction.seconds Toleration.tolerationSeconds Condition.observedGeneration ObjectMeta.deletionGracePeriodSeconds ObjectMeta.generation'],
  ['map[string][]uint8', 'Secret.data ConfigMap.binaryData'],
  ['types.UID', 'ConfigMapNodeConfigSource.uid ObjectReference.uid ObjectMeta.uid OwnerReference.uid'],
  ['v1.AddressType', 'EndpointSlice.addressType'],
  ['v1.AppArmorProfileType', 'AppArmorProfile.type'],
  ['v1.AzureDataDiskCachingMode', 'AzureDiskVolumeSource.cachingMode'],
  ['v1.AzureDataDiskKind', 'AzureDiskVolumeSource.kind'],
  ['v1.ConditionStatus', 'DeploymentCondition.status ReplicaSetCondition.status NamespaceCondition.status NodeCondition.status PodCondition.status Condition.status'],
  ['v1.ContainerRestartPolicy', 'Container.restartPolicy EphemeralContainer.restartPolicy'],
  ['v1.DNSPolicy', 'PodSpec.dnsPolicy'],
  ['v1.DeploymentConditionType', 'DeploymentCondition.type'],
  ['v1.DeploymentStrategyType', 'DeploymentStrategy.type'],
  ['v1.HostPathType', 'HostPathVolumeSource.type'],
  ['v1.IPFamilyPolicy', 'ServiceSpec.ipFamilyPolicy'],
  ['v1.LabelSelectorOperator', 'LabelSelectorRequirement.operator'],
  ['v1.LoadBalancerIPMode', 'LoadBalancerIngress.ipMode'],
  ['v1.ManagedFieldsOperationType', 'ManagedFieldsEntry.operation'],
  ['v1.MountPropagationMode', 'VolumeMount.mountPropagation'],
  ['v1.NamespaceConditionType', 'NamespaceCondition.type'],
  ['v1.NamespacePhase', 'NamespaceStatus.phase'],
  ['v1.NodeAddressType', 'NodeAddress.type'],
  ['v1.NodeConditionType', 'NodeCondition.type'],
  ['v1.NodeInclusionPolicy', 'TopologySpreadConstraint.nodeAffinityPolicy TopologySpreadConstraint.nodeTaintsPolicy'],
  ['v1.NodePhase', 'NodeStatus.phase'],
  ['v1.NodeSelectorOperator', 'NodeSelectorRequirement.operator'],
  ['v1.OSName', 'PodOS.name'],
  ['v1.PersistentVolumeMode', 'PersistentVolumeClaimSpec.volumeMode'],
  ['v1.PodConditionType', 'PodCondition.type PodReadinessGate.conditionType'],
  ['v1.PodFSGroupChangePolicy', 'PodSecurityContext.fsGroupChangePolicy'],
  ['v1.PodPhase', 'PodStatus.phase'],
  ['v1.PodQOSClass', 'PodStatus.qosClass'],
  ['v1.PodResizeStatus', 'PodStatus.resize'],
  ['v1.PreemptionPolicy', 'PodSpec.preemptionPolicy'],
  ['v1.ProcMountType', 'SecurityContext.procMount'],
  ['v1.Protocol', 'ContainerPort.protocol EndpointPort.protocol PortStatus.protocol ServicePort.protocol EndpointPort.protocol'],
  ['v1.PullPolicy', 'Container.imagePullPolicy EphemeralContainer.imagePullPolicy'],
  ['v1.RecursiveReadOnlyMode', 'VolumeMount.recursiveReadOnly VolumeMountStatus.recursiveReadOnly'],
  ['v1.ReplicaSetConditionType', 'ReplicaSetCondition.type'],
  ['v1.ResourceList', 'ContainerStatus.allocatedResources NodeStatus.allocatable NodeStatus.capacity PodSpec.overhead ResourceRequirements.limits ResourceRequirements.requests VolumeResourceRequirements.limits VolumeResourceRequirements.requests'],
  ['v1.ResourceName', 'ContainerResizePolicy.resourceName'],
  ['v1.ResourceResizeRestartPolicy', 'ContainerResizePolicy.restartPolicy'],
  ['v1.RestartPolicy', 'PodSpec.restartPolicy'],
  ['v1.SecretType', 'Secret.type'],
  ['v1.SeccompProfileType', 'SeccompProfile.type'],
  ['v1.ServiceAffinity', 'ServiceSpec.sessionAffinity'],
  ['v1.ServiceExternalTrafficPolicy', 'ServiceSpec.externalTrafficPolicy'],
  ['v1.ServiceInternalTrafficPolicy', 'ServiceSpec.internalTrafficPolicy'],
  ['v1.ServiceType', 'ServiceSpec.type'],
  ['v1.StorageMedium', 'EmptyDirVolumeSource.medium'],
  ['v1.TaintEffect', 'Taint.effect Toleration.effect'],
  ['v1.TerminationMessagePolicy', 'Container.terminationMessagePolicy EphemeralContainer.terminationMessagePolicy'],
  ['v1.TolerationOperator', 'Toleration.operator'],
  ['v1.URIScheme', 'HTTPGetAction.scheme'],
  ['v1.UniqueVolumeName', 'AttachedVolume.name'],
  ['v1.UnsatisfiableConstraintAction', 'TopologySpreadConstraint.whenUnsatisfiable'],
]

const BY_FIELD = new Map(GO_TYPES.flatMap(([type, fields]) => fields.split(' ').map((f) => [f, type] as const)))

/** The Go type of `field` in the Go struct `struct` (`ContainerPort`, `protocol`), if it is not the default. */
export function goTypeOverride(struct: string, field: string): string | undefined {
  return BY_FIELD.get(`${struct}.${field}`)
}
