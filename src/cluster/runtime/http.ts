// What the simulated servers answer on their ports. Bodies are byte-exact where the source was read:
// nginx's welcome page is docs/html/index.html of the nginx release (the page changed in 1.29.6, so an
// image gets the page of its version) and its error pages are ngx_http_special_response.c's, with CRLF
// line ends and the `Server: nginx/<version>` tail of server_tokens on. Headers that depend on file
// times (Last-Modified, ETag) are left out.
import type { Millis } from '../clock.js'
import type { ServerKind } from './images.js'
import type { LogLine } from './shell.js'
import { sha256Hex } from './sha256.js'

export interface HttpRequest {
  readonly method: string
  readonly path: string // with the query string
  readonly clientIP: string
  readonly userAgent?: string
}

/** The container answering: its server, and what it knows about itself. */
export interface HttpServerContext {
  readonly server: ServerKind
  readonly version: string
  /** The image tag, for images whose tags differ in content (nginxdemos/hello:plain-text vs latest). */
  readonly tag?: string
  readonly hostname: string // the pod name
  readonly podIP: string
  readonly port: number
  readonly now: Millis
}

export type HttpAnswer =
  | {
      readonly kind: 'http'
      readonly status: number
      readonly reason: string
      readonly headers: readonly (readonly [string, string])[]
      readonly body: string
      /** What the server writes to its log for this request (nginx's access log on stdout). */
      readonly log?: LogLine
    }
  /** A server that does not speak HTTP: the bytes it sends back before closing, and its log line. */
  | { readonly kind: 'not-http'; readonly raw: string; readonly log?: LogLine }
  /** Nothing listens on that port: `connect: connection refused`. */
  | { readonly kind: 'refused' }

const LISTENS: Readonly<Record<ServerKind, readonly number[]>> = {
  nginx: [80], 'nginx-hello': [80], httpd: [80], redis: [6379], influxd: [8086], pause: [], stress: [], 'ingress-nginx': [80, 443, 10254], coredns: [8080, 8181, 9153], 'kube-proxy': [],
  flanneld: [], 'flannel-cni': [], 'calico-node': [], 'calico-cni': [], 'calico-kube-controllers': [],
}

export function answerHttp(ctx: HttpServerContext, req: HttpRequest): HttpAnswer {
  if (!LISTENS[ctx.server].includes(ctx.port)) return { kind: 'refused' }
  switch (ctx.server) {
    case 'nginx': return nginx(ctx, req)
    case 'nginx-hello': return nginxHello(ctx, req)
    case 'httpd': return httpd(ctx, req)
    case 'influxd': return influxd(ctx, req)
    case 'redis': return redis()
    case 'pause': case 'stress': case 'kube-proxy': return { kind: 'refused' }
    case 'flanneld': case 'flannel-cni': case 'calico-node': case 'calico-cni': case 'calico-kube-controllers': return { kind: 'refused' }
    case 'ingress-nginx': return ingressNginx(ctx, req)
    case 'coredns': return coredns(ctx, req)
    default: {
      const never: never = ctx.server
      return never
    }
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number): string => String(n).padStart(2, '0')

/** HTTP's IMF-fixdate: `Thu, 21 Aug 2026 10:00:00 GMT`. */
export function httpDate(t: Millis): string {
  const d = new Date(t)
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`
}

/** nginx's $time_local in UTC: `21/Aug/2026:10:00:00 +0000`. */
function timeLocal(t: Millis): string {
  const d = new Date(t)
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
}

const bytes = (s: string): number => new TextEncoder().encode(s).length

const versionAtLeast = (v: string, min: readonly number[]): boolean => {
  const parts = v.split('.').map(Number)
  for (let i = 0; i < min.length; i++) if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i]
  return true
}

/** nginx docs/html/index.html up to 1.29.5 (615 bytes), as nginx 1.27.5 ships it. */
const NGINX_WELCOME_OLD = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

/** nginx docs/html/index.html from 1.29.6 on (commit 717e70748, 896 bytes; two lines end in a space). */
const NGINX_WELCOME_NEW = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, nginx is successfully installed and working.
Further configuration is required for the web server, reverse proxy, 
API gateway, load balancer, content cache, or other features.</p>

<p>For online documentation and support please refer to
<a href="https://nginx.org/">nginx.org</a>.<br/>
To engage with the community please visit
<a href="https://community.nginx.org/">community.nginx.org</a>.<br/>
For enterprise grade support, professional services, additional 
security features and capabilities please refer to
<a href="https://f5.com/nginx">f5.com/nginx</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

export function nginxWelcomePage(version: string): string {
  return versionAtLeast(version, [1, 29, 6]) ? NGINX_WELCOME_NEW : NGINX_WELCOME_OLD
}

/** ngx_http_error_404_page + ngx_http_error_full_tail. */
export function nginxErrorPage(status: 404 | 405, version: string): string {
  const title = status === 404 ? '404 Not Found' : '405 Not Allowed'
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`
}

function nginxAccessLog(ctx: HttpServerContext, req: HttpRequest, status: number, size: number): LogLine {
  // the image's log_format main: $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"
  const text = `${req.clientIP} - - [${timeLocal(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${size} "-" "${req.userAgent ?? '-'}" "-"`
  return { at: 0, stream: 'stdout', text }
}

function nginx(ctx: HttpServerContext, req: HttpRequest): HttpAnswer {
  const path = req.path.split('?')[0]
  const common = [['Server', `nginx/${ctx.version}`], ['Date', httpDate(ctx.now)]] as const
  // The default server serves /usr/share/nginx/html: `/` and `/index.html` are the welcome page,
  // `/50x.html` exists too; static files refuse POST and other methods with 405.
  if (path === '/' || path === '/index.html') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const body = nginxErrorPage(405, ctx.version)
      return { kind: 'http', status: 405, reason: 'Not Allowed', headers: [...common, ['Content-Type', 'text/html'], ['Content-Length', String(bytes(body))], ['Connection', 'keep-alive']], body, log: nginxAccessLog(ctx, req, 405, bytes(body)) }
    }
    const page = nginxWelcomePage(ctx.version)
    const body = req.method === 'HEAD' ? '' : page
    return { kind: 'http', status: 200, reason: 'OK', headers: [...common, ['Content-Type', 'text/html'], ['Content-Length', String(bytes(page))], ['Connection', 'keep-alive'], ['Accept-Ranges', 'bytes']], body, log: nginxAccessLog(ctx, req, 200, bytes(body)) }
  }
  const body = nginxErrorPage(404, ctx.version)
  return { kind: 'http', status: 404, reason: 'Not Found', headers: [...common, ['Content-Type', 'text/html'], ['Content-Length', String(bytes(body))], ['Connection', 'keep-alive']], body, log: nginxAccessLog(ctx, req, 404, bytes(body)) }
}

/** nginxdemos/hello: every path answers with who answered (hello-plain-text.conf / hello.conf). */
function nginxHello(ctx: HttpServerContext, req: HttpRequest): HttpAnswer {
  // $request_id is 32 random hex digits; derived here from the request so that answers replay exactly.
  const requestId = sha256Hex(`${ctx.hostname}|${ctx.now}|${req.clientIP}|${req.path}`).slice(0, 32)
  const fields = { address: `${ctx.podIP}:${ctx.port}`, name: ctx.hostname, date: timeLocal(ctx.now), uri: req.path, requestId }
  const plain = ctx.tag === 'plain-text'
  const body = plain
    ? `Server address: ${fields.address}\nServer name: ${fields.name}\nDate: ${fields.date}\nURI: ${fields.uri}\nRequest ID: ${fields.requestId}\n`
    : // The real page (index.html, 12 kB with an inline logo) is abbreviated to its title and the five values.
      `<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World</title>\n</head>\n<body>\n<p><span>Server&nbsp;address:</span> <span>${fields.address}</span></p>\n<p><span>Server&nbsp;name:</span> <span>${fields.name}</span></p>\n<p><span>Date:</span> <span>${fields.date}</span></p>\n<p><span>URI:</span> <span>${fields.uri}</span></p>\n<p><span>Request ID:</span> <span>${fields.requestId}</span></p>\n</body>\n</html>\n`
  const headers = [
    ['Server', `nginx/${ctx.version}`], ['Date', httpDate(ctx.now)], ['Content-Type', plain ? 'text/plain' : 'text/html'],
    ['Content-Length', String(bytes(body))], ['Connection', 'keep-alive'],
    // `expires -1`: an Expires one second in the past and Cache-Control no-cache
    ['Expires', httpDate(ctx.now - 1000)], ['Cache-Control', 'no-cache'],
  ] as const
  return { kind: 'http', status: 200, reason: 'OK', headers, body, log: nginxAccessLog(ctx, req, 200, bytes(body)) }
}

/** Apache's default htdocs/index.html, and its 404 page (the URL is no longer echoed in 2.4). */
const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n'
const HTTPD_404 = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n'

function httpd(ctx: HttpServerContext, req: HttpRequest): HttpAnswer {
  const path = req.path.split('?')[0]
  const found = path === '/' || path === '/index.html'
  const body = found ? HTTPD_IT_WORKS : HTTPD_404
  const headers = [
    ['Date', httpDate(ctx.now)], ['Server', `Apache/${ctx.version} (Unix)`], ['Content-Length', String(bytes(body))],
    ['Content-Type', found ? 'text/html' : 'text/html; charset=iso-8859-1'],
  ] as const
  // httpd's access log goes to stdout: %h %l %u %t "%r" %>s %b
  const log: LogLine = { at: 0, stream: 'stdout', text: `${req.clientIP} - - [${timeLocal(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" ${found ? 200 : 404} ${bytes(body)}` }
  return { kind: 'http', status: found ? 200 : 404, reason: found ? 'OK' : 'Not Found', headers, body, log }
}

function influxd(ctx: HttpServerContext, req: HttpRequest): HttpAnswer {
  const path = req.path.split('?')[0]
  const version = `v${ctx.version}`
  const base = [['X-Influxdb-Build', 'OSS'], ['X-Influxdb-Version', version], ['Date', httpDate(ctx.now)]] as const
  if (path === '/ping') return { kind: 'http', status: 204, reason: 'No Content', headers: base, body: '' }
  if (path === '/health') {
    // influxdb 2's health check (commit field left out: not modelled)
    const body = `{"name":"influxdb", "message":"ready for queries and writes", "status":"pass", "checks":[], "version": "${version}"}\n`
    return { kind: 'http', status: 200, reason: 'OK', headers: [['Content-Type', 'application/json; charset=utf-8'], ...base], body }
  }
  if (path.startsWith('/api/')) {
    const body = '{"code":"unauthorized","message":"unauthorized access"}'
    return { kind: 'http', status: 401, reason: 'Unauthorized', headers: [['Content-Type', 'application/json; charset=utf-8'], ...base], body }
  }
  // Every other path is the web UI (a single-page app); its HTML is abbreviated here.
  const body = '<!DOCTYPE html><html><head><title>InfluxDB</title></head><body><div id="react-root"></div></body></html>'
  return { kind: 'http', status: 200, reason: 'OK', headers: [['Content-Type', 'text/html; charset=utf-8'], ...base], body }
}

/**
 * Redis speaks RESP, not HTTP. An HTTP GET's request line parses as the inline command `GET / HTTP/1.1`
 * (wrong arity for GET), and the `Host:` line that follows trips Redis's cross-protocol guard, which
 * logs a warning and closes the connection; curl then says `Received HTTP/0.9 when not allowed`.
 */
function redis(): HttpAnswer {
  return {
    kind: 'not-http',
    raw: "-ERR wrong number of arguments for 'get' command\r\n",
    log: { at: 0, stream: 'stdout', stamp: 'redis-M', text: '# Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.' },
  }
}

/**
 * ingress-nginx on its own, without the routing of Ingresses (that is network/ingress.ts, which answers
 * in its place for requests that come through the network): 10254 answers /healthz with 200 (the status
 * server's `return 200;`), and 80 is the default backend's 404 (`return 404;`). server_tokens is off and
 * `more_clear_headers Server` drops the Server header (rootfs/etc/nginx/template/nginx.tmpl).
 */
function ingressNginx(ctx: HttpServerContext, req: HttpRequest): HttpAnswer {
  const path = req.path.split('?')[0]
  if (ctx.port === 10254) {
    const ok = path === '/healthz'
    const body = ok ? '' : ingressNginxErrorPage(404)
    return { kind: 'http', status: ok ? 200 : 404, reason: ok ? 'OK' : 'Not Found', headers: [['Date', httpDate(ctx.now)], ['Content-Type', 'text/html'], ['Content-Length', String(bytes(body))], ['Connection', 'close']], body }
  }
  return ingressNginxAnswer(404, ctx.now)
}

type IngressNginxStatus = 404 | 502 | 503 | 504
const INGRESS_NGINX_TITLES: Readonly<Record<IngressNginxStatus, string>> = {
  404: '404 Not Found',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
}

/** nginx's own error page with server_tokens off: the tail says `nginx` without a version. */
export function ingressNginxErrorPage(status: IngressNginxStatus): string {
  const title = INGRESS_NGINX_TITLES[status]
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** What ingress-nginx answers itself: 404 from its default backend, 503 for a backend without endpoints, 502/504 when it fails. */
export function ingressNginxAnswer(status: IngressNginxStatus, now: Millis): HttpAnswer & { kind: 'http' } {
  const body = ingressNginxErrorPage(status)
  const reason = INGRESS_NGINX_TITLES[status].slice(4)
  return { kind: 'http', status, reason, headers: [['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(bytes(body))], ['Connection', 'keep-alive']], body }
}

/**
 * CoreDNS' HTTP listeners (Go net/http): the health plugin's /health on 8080 and the ready plugin's
 * /ready on 8181 answer `OK`; the prometheus plugin serves /metrics on 9153 (abbreviated here to its
 * build-info metric). Any other path is Go's `404 page not found`.
 */
function coredns(ctx: HttpServerContext, req: HttpRequest): HttpAnswer {
  const path = req.path.split('?')[0]
  const goText = (status: number, reason: string, body: string): HttpAnswer & { kind: 'http' } => ({
    kind: 'http', status, reason, headers: [['Date', httpDate(ctx.now)], ['Content-Length', String(bytes(body))], ['Content-Type', 'text/plain; charset=utf-8']], body,
  })
  const want = ctx.port === 8080 ? '/health' : ctx.port === 8181 ? '/ready' : '/metrics'
  // http.NotFound sets Content-Type and X-Content-Type-Options itself, so they come before Date.
  if (path !== want) return { ...goText(404, 'Not Found', '404 page not found\n'), headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(ctx.now)], ['Content-Length', '19']] }
  if (want !== '/metrics') return goText(200, 'OK', 'OK')
  const body = [
    "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.",
    '# TYPE coredns_build_info gauge',
    `coredns_build_info{goversion="go1.21.11",revision="a6338e9",version="${ctx.version}"} 1`,
    '',
  ].join('\n')
  // promhttp sets its Content-Type itself, so it comes first (Go writes set headers, then Date and Content-Length).
  return { ...goText(200, 'OK', body), headers: [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8'], ['Date', httpDate(ctx.now)], ['Content-Length', String(bytes(body))]] }
}
