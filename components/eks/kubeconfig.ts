/**
 * A kubeconfig for an EKS cluster that authenticates with `aws eks get-token` (the AWS CLI's exec
 * credential plugin, `client.authentication.k8s.io/v1beta1`), so nothing depends on the ambient
 * `~/.kube/config`. Written as JSON, which every kubeconfig reader accepts (YAML is a superset).
 */

export interface KubeconfigArgs {
  readonly clusterName: string;
  readonly endpoint: string;
  /** The cluster's certificate authority, base64 (`certificateAuthority.data`). */
  readonly certificateAuthority: string;
  /** The cluster's region, passed to the CLI so it never falls back to the caller's default region. */
  readonly region: string;
  /** A role to assume for the token (`--role-arn`). @default none: the caller's own credentials */
  readonly roleArn?: string;
}

/** The kubeconfig document, as JSON text. */
export function kubeconfig(args: KubeconfigArgs): string {
  const name = args.clusterName;
  const getToken = ["eks", "get-token", "--cluster-name", name, "--region", args.region];
  if (args.roleArn) getToken.push("--role-arn", args.roleArn);
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name, cluster: { server: args.endpoint, "certificate-authority-data": args.certificateAuthority } },
    ],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: getToken,
            interactiveMode: "Never",
          },
        },
      },
    ],
  });
}
