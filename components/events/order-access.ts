import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrust } from "../eks/trust";
import { tagsFor, type Tags } from "../lib/tags";
import type { Statement } from "./asl";

/**
 * What a consumer does with its own queue: receive, delete what it processed, send (re-queue,
 * delay), and change a message's visibility while it works on it. Nothing else, on nothing else.
 */
export const QUEUE_ACTIONS = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:ReceiveMessage",
  "sqs:SendMessage",
] as const;
/** How a consumer answers a workflow task it was sent a token for (AWS CDK's `StateMachine.grantTaskResponse`). */
export const TASK_RESPONSE_ACTIONS = [
  "states:SendTaskFailure",
  "states:SendTaskHeartbeat",
  "states:SendTaskSuccess",
] as const;

/** One queue a workload consumes. */
export interface ConsumedQueue {
  /** The consumer's name, e.g. "inventory" (statement IDs). */
  readonly consumer: string;
  readonly arn: string;
  /** The consumer answers workflow tasks (its messages carry a task token). */
  readonly answersTasks: boolean;
}

/** What {@link orderAccessStatements} grants. */
export interface OrderAccessGrant {
  readonly region: string;
  /** `events:PutEvents` on these buses (the order bus of every region: the global endpoint may route to either). */
  readonly busArns: readonly string[];
  /** The workload's own queues (none for a publisher only). */
  readonly queues: readonly ConsumedQueue[];
  /** The key of the queues: used only through SQS in this region. */
  readonly queueKmsKeyArn: string;
  /** The workflow that sent the task tokens. */
  readonly stateMachineArn: string;
}

/**
 * The statements of an order workload: put events on the order bus; on each of its own queues the
 * {@link QUEUE_ACTIONS}; the queues' key for `kms:GenerateDataKey` and `kms:Decrypt` only through
 * SQS in this region (SQS Developer Guide, "Key management": producers need GenerateDataKey,
 * consumers Decrypt); the task responses to the workflow when it waits on the consumer.
 */
export function orderAccessStatements(g: OrderAccessGrant): Statement[] {
  const statements: Statement[] = [
    { Sid: "PutOrderEvents", Effect: "Allow", Action: ["events:PutEvents"], Resource: [...g.busArns] },
  ];
  for (const q of g.queues) {
    const id = q.consumer.replace(/[^A-Za-z0-9]/g, "");
    statements.push({ Sid: `UseQueue${id}`, Effect: "Allow", Action: [...QUEUE_ACTIONS], Resource: [q.arn] });
  }
  if (g.queues.length > 0) {
    statements.push({
      Sid: "UseQueueKeyThroughSqs",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [g.queueKmsKeyArn],
      Condition: { StringEquals: { "kms:ViaService": `sqs.${g.region}.amazonaws.com` } },
    });
  }
  if (g.queues.some((q) => q.answersTasks)) {
    statements.push({
      Sid: "AnswerWorkflowTasks",
      Effect: "Allow",
      Action: [...TASK_RESPONSE_ACTIONS],
      Resource: [g.stateMachineArn],
    });
  }
  return statements;
}

/** Arguments of {@link OrderWorkloadAccess}. */
export interface OrderWorkloadAccessArgs {
  readonly region: string;
  /**
   * Whose access: an existing role (the app tier's instance role), or a new role for a Kubernetes
   * service account through EKS Pod Identity.
   */
  readonly identity:
    | { readonly role: pulumi.Input<string> }
    | {
        readonly podIdentity: {
          readonly accountId: string;
          /** The cluster's name as known before deployment (the trust's `eks-cluster-arn`). */
          readonly clusterName: string;
          /** The cluster resource's name output, so that the association waits for the cluster. */
          readonly cluster: pulumi.Input<string>;
          readonly namespace: string;
          readonly serviceAccount: string;
        };
      };
  readonly busArns: readonly pulumi.Input<string>[];
  readonly queues: readonly { consumer: string; arn: pulumi.Input<string>; answersTasks: boolean }[];
  readonly queueKmsKeyArn: pulumi.Input<string>;
  readonly stateMachineArn: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * An order workload's access: one inline policy ({@link orderAccessStatements}) on the app tier's
 * role, or on a role of its own bound to its service account by an EKS Pod Identity association.
 */
export class OrderWorkloadAccess extends pulumi.ComponentResource {
  /** The workload's own role (Pod Identity), absent for an existing role. */
  readonly role?: aws.iam.Role;
  readonly association?: aws.eks.PodIdentityAssociation;
  readonly policy: aws.iam.RolePolicy;

  constructor(name: string, args: OrderWorkloadAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:events:OrderWorkloadAccess", name, {}, opts);
    const child = { parent: this };
    let roleName: pulumi.Input<string>;
    if ("podIdentity" in args.identity) {
      const p = args.identity.podIdentity;
      this.role = new aws.iam.Role(
        name,
        {
          description: `Order workload ${p.namespace}/${p.serviceAccount} on ${p.clusterName} (EKS Pod Identity)`,
          assumeRolePolicy: podIdentityTrust({
            accountId: p.accountId,
            clusterArn: `arn:aws:eks:${args.region}:${p.accountId}:cluster/${p.clusterName}`,
            namespace: p.namespace,
            serviceAccount: p.serviceAccount,
          }),
          tags: tagsFor(args.tags, name),
        },
        child,
      );
      roleName = this.role.id;
    } else {
      roleName = args.identity.role;
    }
    const statements = pulumi
      .all([
        pulumi.all([...args.busArns]),
        pulumi.all(args.queues.map((q) => pulumi.output(q.arn))),
        args.queueKmsKeyArn,
        args.stateMachineArn,
      ])
      .apply(([busArns, queueArns, queueKmsKeyArn, stateMachineArn]) =>
        orderAccessStatements({
          region: args.region,
          busArns,
          queues: args.queues.map((q, i) => ({
            consumer: q.consumer,
            arn: queueArns[i],
            answersTasks: q.answersTasks,
          })),
          queueKmsKeyArn,
          stateMachineArn,
        }),
      );
    this.policy = new aws.iam.RolePolicy(
      name,
      {
        role: roleName,
        policy: statements.apply((Statement) => JSON.stringify({ Version: "2012-10-17", Statement })),
      },
      child,
    );
    if ("podIdentity" in args.identity && this.role) {
      const p = args.identity.podIdentity;
      this.association = new aws.eks.PodIdentityAssociation(
        name,
        {
          region: args.region,
          clusterName: p.cluster,
          namespace: p.namespace,
          serviceAccount: p.serviceAccount,
          roleArn: this.role.arn,
          tags: tagsFor(args.tags, name),
        },
        { ...child, dependsOn: [this.policy] },
      );
    }
    this.registerOutputs({});
  }
}
