import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrust } from "./trust";
import { tagsFor, type Tags } from "../lib/tags";
import { CRITICAL_ADDONS_TOLERATION } from "./labels";

/** KEDA's chart repository (keda.sh, "Deploying KEDA with Helm"). */
export const KEDA_REPOSITORY = "https://kedacore.github.io/charts";

/** Arguments of {@link Keda}. */
export interface KedaArgs {
  /** The region of the role's association. */
  readonly region: string;
  readonly accountId: string;
  readonly cluster: pulumi.Input<string>;
  /** The cluster's name, known before deployment (it scopes the role's trust). */
  readonly clusterName: string;
  readonly provider: k8s.Provider;
  /** The chart's version. */
  readonly version: string;
  /** Queues whose depth KEDA may read: SQS queue names, `*` allowed, e.g. "prod-use1-*". */
  readonly queueNamePatterns: readonly string[];
  /** Node labels of the nodes KEDA runs on. @default {} */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** What the release waits for (nodes, DNS, the Pod Identity agent). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * KEDA from its Helm chart, its operator bound through EKS Pod Identity to a role that may only
 * read the attributes (depth) of the region's queues, so ScaledObjects with
 * `podIdentity.provider: aws` scale workloads on queue depth.
 */
export class Keda extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;
  readonly role: aws.iam.Role;

  constructor(name: string, args: KedaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:Keda", name, {}, opts);
    const child = { parent: this };
    const namespace = "keda";
    const serviceAccount = "keda-operator";
    this.role = new aws.iam.Role(
      `${name}-operator`,
      {
        assumeRolePolicy: podIdentityTrust({
          accountId: args.accountId,
          clusterArn: `arn:aws:eks:${args.region}:${args.accountId}:cluster/${args.clusterName}`,
          namespace,
          serviceAccount,
        }),
        tags: tagsFor(args.tags, `${name}-operator`),
      },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-operator-queue-depth`,
      {
        role: this.role.id,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["sqs:GetQueueAttributes"],
              Resource: args.queueNamePatterns.map(
                (q) => `arn:aws:sqs:${args.region}:${args.accountId}:${q}`,
              ),
            },
          ],
        }),
      },
      child,
    );
    const association = new aws.eks.PodIdentityAssociation(
      `${name}-operator`,
      {
        region: args.region,
        clusterName: args.cluster,
        namespace,
        serviceAccount,
        roleArn: this.role.arn,
        tags: tagsFor(args.tags, `${name}-operator`),
      },
      child,
    );
    this.release = new k8s.helm.v3.Release(
      name,
      {
        name: "keda",
        chart: "keda",
        repositoryOpts: { repo: KEDA_REPOSITORY },
        version: args.version,
        namespace,
        createNamespace: true,
        atomic: true,
        values: {
          serviceAccount: { operator: { create: true, name: serviceAccount } },
          nodeSelector: { ...(args.nodeSelector ?? {}) },
          tolerations: [{ ...CRITICAL_ADDONS_TOLERATION }],
          env: [{ name: "AWS_REGION", value: args.region }],
        },
      },
      { parent: this, provider: args.provider, dependsOn: [association, ...(args.dependsOn ?? [])] },
    );
    this.registerOutputs({});
  }
}
