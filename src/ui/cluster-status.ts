// `kubelings cluster status`: the components of learning goal 1, where they run, and the nodes.
import type { SimulatedCluster, ComponentStatus } from '../cluster/cluster.js'
import { t, type Lang } from '../course/i18n.js'

export interface NodeSummary {
  name: string
  roles: string
  ready: boolean
  internalIP: string
  podCIDR: string
}

export interface ClusterStatusReport {
  time: string
  manualClock: boolean
  version: string
  seed: number
  components: ComponentStatus[]
  nodes: NodeSummary[]
}

export function clusterStatus(c: SimulatedCluster, manualClock: boolean): ClusterStatusReport {
  const nodes = c.api.list('kubelings', 'nodes')
  const items = nodes.ok ? nodes.value.items : []
  return {
    time: new Date(c.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    manualClock,
    version: c.version,
    seed: c.options.seed,
    components: c.components(),
    nodes: items.map((n) => {
      const labels = n.metadata.labels ?? {}
      const roles = Object.keys(labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
      const status = n.status as { conditions?: { type: string; status: string }[]; addresses?: { type: string; address: string }[] } | undefined
      const spec = n.spec as { podCIDR?: string } | undefined
      return {
        name: n.metadata.name,
        roles: roles.sort().join(',') || '<none>',
        ready: status?.conditions?.some((cond) => cond.type === 'Ready' && cond.status === 'True') ?? false,
        internalIP: status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '<none>',
        podCIDR: spec?.podCIDR ?? '<none>',
      }
    }),
  }
}

const ROLES_ZH: Record<string, string> = {
  'kube-apiserver': '访问 etcd 的唯一入口：校验、设置默认值并保存每个对象',
  etcd: '保存集群全部对象的键值存储',
  'kube-scheduler': '为每个新 Pod 选择节点',
  'kube-controller-manager': '运行各个控制器，把对象推向期望状态',
  'cloud-controller-manager': '从（模拟的）云平台为 LoadBalancer 类型的 Service 分配外部 IP',
  kubelet: '启动并照看绑定到本节点的 Pod 的容器',
  'kube-proxy': '把 Service 变成本节点上的转发规则',
  containerd: '容器运行时：拉取镜像，运行容器和 pause 沙箱',
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0))))
  return rows
    .map((r) =>
      r
        .map((cell, i) => {
          if (i === r.length - 1) return cell
          const w = [...cell].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)
          return cell + ' '.repeat(widths[i] - w + 3)
        })
        .join(''),
    )
    .join('\n')
}

export function renderClusterStatus(s: ClusterStatusReport, lang: Lang): string {
  const state = (c: ComponentStatus): string =>
    c.state === 'Running'
      ? t(lang, c.waitingForLease ? 'status.waitingForLease' : 'status.running')
      : c.state === 'Stopped'
        ? t(lang, 'status.stopped')
        : t(lang, 'status.notSimulated')
  const role = (c: ComponentStatus): string => (lang === 'zh' ? (ROLES_ZH[c.name] ?? c.role) : c.role)
  const clock = t(lang, s.manualClock ? 'status.clock.manual' : 'status.clock.wall')
  const head = lang === 'zh' ? ['组件', '节点', '状态', '作用'] : ['COMPONENT', 'NODE', 'STATE', 'ROLE']
  const components = [head, ...s.components.map((c) => [c.name, c.node, state(c), role(c)])]
  const colon = lang === 'zh' ? '：' : ':'
  const nodes = [['NAME', 'ROLES', 'STATUS', 'INTERNAL-IP', 'POD-CIDR'], ...s.nodes.map((n) => [n.name, n.roles, n.ready ? 'Ready' : 'NotReady', n.internalIP, n.podCIDR])]
  return [
    `Kubernetes ${s.version} · seed ${s.seed}`,
    t(lang, 'status.time', { time: s.time, clock }),
    '',
    `${t(lang, 'status.components')}${colon}`,
    table(components),
    '',
    `${t(lang, 'status.nodes')}${colon}`,
    table(nodes),
  ].join('\n')
}
