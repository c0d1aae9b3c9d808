// kubelings' own words: network. Every key in both languages (the type keeps zh complete).
export const en = {
  // The pod sandbox, crictl, exec and port-forward.
  'sandbox.killed': "The pause container of pod/{pod} on {node} was killed. The kubelet finds its sandbox NotReady, stops the pod's containers and makes a new sandbox, with a new IP; watch it with `kubelings kubectl get pod {pod} -o wide -w` and `kubelings crictl --node {node} pods`.",
  'sandbox.podNotFound': 'There is no pod "{pod}" in namespace "{namespace}".',
  'sandbox.notScheduled': 'pod/{pod} is not on a node yet, so it has no sandbox to kill.',
  'sandbox.none': 'pod/{pod} has no ready sandbox on {node}: it is being created or re-created, or the pod has finished.',
  'sandbox.badTarget': 'Name the pod as pod/NAME (or just NAME), not "{target}".',
  'crictl.nodeRequired': 'Say which node\'s runtime to ask: --node NAME. The nodes are: {known}.',
  'portForward.listening': 'Forwarding to the simulated {target}. Press Ctrl-C to stop.',
  'portForward.portInUse': 'Port {port} on 127.0.0.1 is already in use on this machine; pick another local port, e.g. {suggestion}:{remote}.',
}

export const zh: Record<keyof typeof en, string> = {
  // The pod sandbox, crictl, exec and port-forward.
  'sandbox.killed': '{node} 上 pod/{pod} 的 `pause` 容器已被杀死。kubelet 会发现它的 Pod 沙箱处于 NotReady，于是停止该 Pod 的所有容器，再创建一个新的沙箱，并分配新的 IP；可用 `kubelings kubectl get pod {pod} -o wide -w` 和 `kubelings crictl --node {node} pods` 观察。',
  'sandbox.podNotFound': '名字空间 "{namespace}" 中没有名为 "{pod}" 的 Pod。',
  'sandbox.notScheduled': 'pod/{pod} 还没有被调度到节点上，所以没有可以杀死的 Pod 沙箱。',
  'sandbox.none': 'pod/{pod} 在 {node} 上没有就绪的 Pod 沙箱：沙箱正在创建或重建，或者该 Pod 已经结束。',
  'sandbox.badTarget': '请用 pod/NAME（或直接写 NAME）指定 Pod，而不是 "{target}"。',
  'crictl.nodeRequired': '请用 --node NAME 指定要查看哪个节点的容器运行时。现有节点：{known}。',
  'portForward.listening': '正在转发到模拟集群中的 {target}。按 Ctrl-C 停止。',
  'portForward.portInUse': '本机 127.0.0.1 的端口 {port} 已被占用；请换一个本地端口，例如 {suggestion}:{remote}。',
}
