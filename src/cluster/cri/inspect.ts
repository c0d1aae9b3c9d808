// `crictl inspectp` and `crictl inspect`: the CRI status of one sandbox or container with containerd's
// verbose info, as crictl prints it (outputStatusData: {"info": ..., "status": ...}, keys sorted).
// The status follows cri-api's PodSandboxStatus / ContainerStatus field for field; containerd's info
// is abbreviated to the parts that teach something (the pause image, its PID, the sandbox config with
// its DNS and port mappings), leaving out the OCI runtime spec and the CNI result.
import { hostPid } from '../kubelet/context.js'
import { PAUSE_IMAGE } from '../kubelet/images.js'
import { CLUSTER_DOMAIN } from '../topology.js'
import { rfc3339Nano, type CriContainer, type CriSandbox, type NodeRuntimeView } from './view.js'

/** CRI NamespaceMode names, as protojson writes them. */
function namespaceOptions(s: CriSandbox): Record<string, unknown> {
  return { ipc: 'POD', network: s.hostNetwork ? 'NODE' : 'POD', pid: s.sharedPid ? 'POD' : 'CONTAINER', targetId: '', usernsOptions: null }
}

export function inspectSandboxJson(s: CriSandbox, view: NodeRuntimeView): unknown {
  const pod = view.pods.get(s.metadata.uid)
  const ready = s.state === 'SANDBOX_READY'
  const ports = (pod?.spec?.containers ?? []).flatMap((c) => c.ports ?? []).filter((p) => (p.hostPort ?? 0) > 0)
  return {
    info: {
      // The sandbox config the kubelet sent (generatePodSandboxConfig), as containerd keeps it (Go JSON, snake_case).
      config: {
        metadata: { name: s.metadata.name, uid: s.metadata.uid, namespace: s.metadata.namespace, ...(s.metadata.attempt ? { attempt: s.metadata.attempt } : {}) },
        hostname: s.hostNetwork ? undefined : pod?.spec?.hostname ?? s.metadata.name,
        log_directory: `/var/log/pods/${s.metadata.namespace}_${s.metadata.name}_${s.metadata.uid}`,
        ...(s.hostNetwork ? {} : { dns_config: { servers: ['10.96.0.10'], searches: [`${s.metadata.namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN], options: ['ndots:5'] } }),
        ...(ports.length ? { port_mappings: ports.map((p) => ({ ...(p.protocol === 'UDP' ? { protocol: 1 } : p.protocol === 'SCTP' ? { protocol: 2 } : {}), container_port: p.containerPort, host_port: p.hostPort, ...(p.hostIP ? { host_ip: p.hostIP } : {}) })) } : {}),
        labels: s.labels,
        annotations: s.annotations,
        linux: {
          cgroup_parent: `/kubepods/besteffort/pod${s.metadata.uid}`,
          security_context: { namespace_options: { ...(s.hostNetwork ? { network: 2 } : {}), ...(s.sharedPid ? {} : { pid: 1 }) } },
        },
      },
      image: PAUSE_IMAGE,
      netNamespaceClosed: !ready,
      pid: ready ? hostPid(s.id) : 0,
      processStatus: ready ? 'running' : 'deleted',
      runtimeHandler: '',
      runtimeType: 'io.containerd.runc.v2',
      sandboxMode: 'podsandbox',
      snapshotKey: s.id,
      snapshotter: 'overlayfs',
    },
    status: {
      annotations: s.annotations,
      createdAt: rfc3339Nano(s.createdAt),
      id: s.id,
      labels: s.labels,
      linux: { namespaces: { options: namespaceOptions(s) } },
      metadata: s.metadata,
      network: { additionalIps: [], ip: s.ip },
      runtimeHandler: s.runtimeHandler,
      state: s.state,
    },
  }
}

export function inspectContainerJson(c: CriContainer, view: NodeRuntimeView): unknown {
  const rt = Object.values(view.runtime.pods).find((p) => p.containers.some((x) => x.id === c.id))
  const pod = rt ? view.pods.get(rt.uid) : undefined
  const running = c.state === 'CONTAINER_RUNNING'
  return {
    info: {
      pid: running ? hostPid(c.id) : 0,
      runtimeType: 'io.containerd.runc.v2',
      sandboxID: c.podSandboxId,
      snapshotKey: c.id,
      snapshotter: 'overlayfs',
    },
    status: {
      annotations: { 'io.kubernetes.container.restartCount': String(c.metadata.attempt), 'io.kubernetes.container.terminationMessagePath': '/dev/termination-log', 'io.kubernetes.container.terminationMessagePolicy': 'File', 'io.kubernetes.pod.terminationGracePeriod': String(pod?.spec?.terminationGracePeriodSeconds ?? 30) },
      createdAt: rfc3339Nano(c.createdAt),
      exitCode: c.exitCode ?? 0,
      finishedAt: rfc3339Nano(c.finishedAt ?? 0),
      id: c.id,
      image: { annotations: {}, image: c.imageRef.split('@')[0], runtimeHandler: '', userSpecifiedImage: '' },
      imageId: '',
      imageRef: c.imageRef,
      labels: c.labels,
      logPath: rt ? `/var/log/pods/${rt.namespace}_${rt.name}_${rt.uid}/${c.metadata.name}/${c.metadata.attempt}.log` : '',
      message: '',
      metadata: c.metadata,
      mounts: [],
      reason: c.reason ?? '',
      resources: null,
      startedAt: rfc3339Nano(c.startedAt),
      state: c.state,
      user: { linux: { gid: '0', supplementalGroups: ['0'], uid: '0' } },
    },
  }
}
