// The --help texts of `kubectl rollout` and its subcommands: kubectl 1.32's, shortened to the
// flags the playground supports.
const SELECTOR = `    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.
`
const FILES = `    -f, --filename=[]:
	Filename, directory, or URL to files identifying the resource to get from a server.

    -R, --recursive=false:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.
`
const OUTPUT = `    -o, --output='':
	Output format. One of: (json, yaml, name).
`
const FOOTER = `Use "kubectl options" for a list of global command-line options (applies to all commands).
`

export const ROLLOUT_HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
${FOOTER}`

export const ROLLOUT_SUBCOMMAND_HELP: Readonly<Record<string, string>> = {
  status: `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.

 In the kubelings playground the watch lets virtual time pass; with --timeout=0s (never) it stops after 15 virtual minutes, or as soon as nothing in the cluster is left to act, with "timed out waiting for the condition".

Examples:
  # Watch the rollout status of a deployment
  kubectl rollout status deployment/nginx

Options:
${FILES}
    --revision=0:
	Pin to a specific revision for showing its status. Defaults to 0 (last revision).

${SELECTOR}
    --timeout=0s:
	The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).

    -w, --watch=true:
	Watch the status of the rollout until it's done.

Usage:
  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]

${FOOTER}`,
  history: `View previous rollout revisions and configurations.

Examples:
  # View the rollout history of a deployment
  kubectl rollout history deployment/abc
  
  # View the details of deployment revision 3
  kubectl rollout history deployment/abc --revision=3

Options:
${FILES}
${OUTPUT}
    --revision=0:
	See the details, including podTemplate of the revision specified

${SELECTOR}
Usage:
  kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]

${FOOTER}`,
  undo: `Roll back to a previous rollout.

Examples:
  # Roll back to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Roll back to deployment revision 3
  kubectl rollout undo deployment/abc --to-revision=3
  
  # Roll back to the previous deployment with dry-run
  kubectl rollout undo --dry-run=server deployment/abc

Options:
    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

${FILES}
${OUTPUT}
${SELECTOR}
    --to-revision=0:
	The revision to rollback to. Default to 0 (last revision).

Usage:
  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]

${FOOTER}`,
  restart: `Restart a resource.

        Resource rollout will be restarted.

Examples:
  # Restart all deployments in the test-namespace namespace
  kubectl rollout restart deployment -n test-namespace
  
  # Restart a deployment
  kubectl rollout restart deployment/nginx
  
  # Restart deployments with the app=nginx label
  kubectl rollout restart deployment --selector=app=nginx

Options:
    --field-manager='kubectl-rollout':
	Name of the manager used to track field ownership.

${FILES}
${OUTPUT}
${SELECTOR}
Usage:
  kubectl rollout restart RESOURCE [options]

${FOOTER}`,
  pause: `Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.

Examples:
  # Mark the nginx deployment as paused
  # Any current state of the deployment will continue its function; new updates
  # to the deployment will not have an effect as long as the deployment is paused
  kubectl rollout pause deployment/nginx

Options:
    --field-manager='kubectl-rollout':
	Name of the manager used to track field ownership.

${FILES}
${OUTPUT}
${SELECTOR}
Usage:
  kubectl rollout pause RESOURCE [options]

${FOOTER}`,
  resume: `Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.

Examples:
  # Resume an already paused deployment
  kubectl rollout resume deployment/nginx

Options:
    --field-manager='kubectl-rollout':
	Name of the manager used to track field ownership.

${FILES}
${OUTPUT}
${SELECTOR}
Usage:
  kubectl rollout resume RESOURCE [options]

${FOOTER}`,
}
