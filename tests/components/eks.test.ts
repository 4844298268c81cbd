/** The EKS components on the recording mock runtime, and their pure parts. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import {
  controllerPolicyDocument,
  controllerPolicyDocuments,
  EksCluster,
  Keda,
  kubeconfig,
  ManagedAddons,
} from "../../components/eks";
import {
  DELETE_MARGIN_MINUTES,
  deleteTimeout,
  durationSeconds,
  type NodePoolArgs,
} from "../../components/eks/karpenter-node-pools";
import { limitsFor } from "../../stacks/eks";
import { run } from "../helpers/run";

const inputs = {
  region: "eu-west-1",
  accountId: "111122223333",
  clusterName: "prod-euw1-eks",
  nodeRoleArn: "arn:aws:iam::111122223333:role/node",
  queueArn: "arn:aws:sqs:eu-west-1:111122223333:q",
  queueKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k",
};

describe("EKS components", () => {
  test("a cluster with a public endpoint restricted to CIDRs, and no deploy role: the kubeconfig uses the caller", async () => {
    const r = await run(
      () => {
        new EksCluster("c", {
          region: "eu-west-1",
          clusterName: "prod-euw1-eks",
          accountId: "111122223333",
          kubernetesVersion: "1.36",
          extendedSupport: true,
          vpcId: "vpc-1",
          subnetIds: ["subnet-a", "subnet-b"],
          publicAccessCidrs: ["203.0.113.0/24"],
          secretsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/s",
          logsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/l",
          adminRoleArns: ["arn:aws:iam::111122223333:role/ops/admin"],
        });
      },
      { region: "eu-west-1" },
    );
    const cluster = r.one("aws:eks/cluster:Cluster", "c");
    expect(cluster.inputs.vpcConfig).toEqual({
      subnetIds: ["subnet-a", "subnet-b"],
      securityGroupIds: [r.one("aws:ec2/securityGroup:SecurityGroup", "c-api").id],
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
    });
    // No private access CIDRs given: the control plane's group admits nothing (the public endpoint serves).
    expect(r.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
    expect(cluster.inputs.upgradePolicy).toEqual({ supportType: "EXTENDED" });
    // protect left out: both guards on.
    expect([cluster.inputs.deletionProtection, cluster.options.protect]).toEqual([true, true]);
    expect(r.one("aws:eks/accessEntry:AccessEntry", "c-admin-admin").inputs.principalArn).toBe(
      "arn:aws:iam::111122223333:role/ops/admin",
    );
    const provider = r.one("pulumi:providers:kubernetes", "c-k8s");
    const config = JSON.parse(provider.inputs.kubeconfig as string) as {
      users: { user: { exec: { args: string[] } } }[];
    };
    expect(config.users[0].user.exec.args).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "prod-euw1-eks",
      "--region",
      "eu-west-1",
    ]);
    expect(r.one("aws:cloudwatch/logGroup:LogGroup", "c-control-plane").inputs.retentionInDays).toBe(365);
  });

  test("private access CIDRs: one 443 rule each on the control plane's group, keyed by the CIDR", async () => {
    const r = await run(
      () => {
        new EksCluster("c", {
          region: "us-east-1",
          clusterName: "prod-use1-eks",
          accountId: "111122223333",
          kubernetesVersion: "1.35",
          vpcId: "vpc-1",
          subnetIds: ["subnet-a", "subnet-b"],
          privateAccessCidrs: ["10.10.0.0/16", "10.20.0.0/16"],
          secretsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/s",
          logsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/l",
          adminRoleArns: ["arn:aws:iam::111122223333:role/admin"],
        });
      },
      { region: "us-east-1" },
    );
    const rules = r.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(
      rules.map((x) => [
        x.name,
        x.inputs.fromPort,
        x.inputs.toPort,
        x.inputs.cidrIpv4,
        x.inputs.securityGroupId,
      ]),
    ).toEqual([
      [
        "c-api-10-10-0-0-16",
        443,
        443,
        "10.10.0.0/16",
        r.one("aws:ec2/securityGroup:SecurityGroup", "c-api").id,
      ],
      [
        "c-api-10-20-0-0-16",
        443,
        443,
        "10.20.0.0/16",
        r.one("aws:ec2/securityGroup:SecurityGroup", "c-api").id,
      ],
    ]);
    expect(
      (r.one("aws:eks/cluster:Cluster", "c").inputs.vpcConfig as Record<string, unknown>)
        .endpointPublicAccess,
    ).toBe(false);
  });

  test("every add-on waits for what the component was given", async () => {
    const r = await run(() => {
      const gate = new random.RandomPassword("gate", { length: 8 });
      new ManagedAddons("a", {
        region: "us-east-1",
        clusterName: "c",
        addons: [
          { name: "coredns", version: "v1.12.4-eksbuild.1", configurationValues: { replicaCount: 2 } },
          { name: "metrics-server", version: "v0.8.0-eksbuild.5" },
        ],
        dependsOn: [gate],
      });
    });
    const gate = r.records.find((x) => x.name === "gate")!;
    for (const name of ["a-coredns", "a-metrics-server"]) {
      expect(r.one("aws:eks/addon:Addon", name).options.dependsOn).toContain(gate.urn);
    }
    expect(r.one("aws:eks/addon:Addon", "a-coredns").inputs.configurationValues).toBe('{"replicaCount":2}');
  });

  test("KEDA: its operator bound by Pod Identity, allowed only to read the region's queues' attributes", async () => {
    const r = await run(() => {
      const provider = new k8s.Provider("k", { kubeconfig: "{}" });
      new Keda("keda", {
        region: "us-east-1",
        accountId: "111122223333",
        cluster: "prod-use1-eks",
        clusterName: "prod-use1-eks",
        provider,
        version: "2.20.2",
        queueNamePatterns: ["prod-use1-*"],
        nodeSelector: { "platform/node-group": "system" },
      });
    });
    expect(
      r.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "keda-operator").inputs,
    ).toMatchObject({
      namespace: "keda",
      serviceAccount: "keda-operator",
    });
    const policy = JSON.parse(
      r.one("aws:iam/rolePolicy:RolePolicy", "keda-operator-queue-depth").inputs.policy as string,
    ) as {
      Statement: unknown[];
    };
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["sqs:GetQueueAttributes"],
        Resource: ["arn:aws:sqs:us-east-1:111122223333:prod-use1-*"],
      },
    ]);
    expect(r.one("kubernetes:helm.sh/v3:Release", "keda").inputs).toMatchObject({
      chart: "keda",
      repositoryOpts: { repo: "https://kedacore.github.io/charts" },
      version: "2.20.2",
      namespace: "keda",
      values: {
        serviceAccount: { operator: { create: true, name: "keda-operator" } },
        tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
      },
    });
  });

  test("the controller policy: two documents, each within IAM's 6,144 characters, together the whole", () => {
    const whole = controllerPolicyDocument(inputs);
    const { nodeLifecycle, integration } = controllerPolicyDocuments(inputs);
    for (const d of [nodeLifecycle, integration]) expect(JSON.stringify(d).length).toBeLessThanOrEqual(6144);
    const sids = (d: object) => (d as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid);
    expect([...sids(nodeLifecycle), ...sids(integration)].sort()).toEqual(sids(whole).sort());
    // The reference's 18 statements, kms:Decrypt on the queue's key and the Spot service-linked role.
    expect(sids(whole)).toHaveLength(20);
    expect(sids(integration)).toContain("AllowPassingInstanceRole");
  });

  test("the controller may create the EC2 Spot service-linked role, and no other", () => {
    const { Statement } = controllerPolicyDocument(inputs) as { Statement: Record<string, unknown>[] };
    const creates = Statement.filter((s) => JSON.stringify(s.Action).includes("iam:CreateServiceLinkedRole"));
    expect(creates).toEqual([
      {
        Sid: "AllowSpotServiceLinkedRoleCreation",
        Effect: "Allow",
        Resource:
          "arn:aws:iam::111122223333:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot",
        Action: "iam:CreateServiceLinkedRole",
        Condition: { StringEquals: { "iam:AWSServiceName": "spot.amazonaws.com" } },
      },
    ]);
  });

  test("the kubeconfig runs aws eks get-token with the cluster's name and region", () => {
    const k = JSON.parse(
      kubeconfig({
        clusterName: "x",
        endpoint: "https://e",
        certificateAuthority: "Q0E=",
        region: "ap-south-1",
        roleArn: "arn:r",
      }),
    ) as {
      clusters: { cluster: Record<string, string> }[];
      users: { user: { exec: { command: string; args: string[]; apiVersion: string } } }[];
    };
    expect(k.clusters[0].cluster).toEqual({ server: "https://e", "certificate-authority-data": "Q0E=" });
    expect(k.users[0].user.exec).toMatchObject({
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", "x", "--region", "ap-south-1", "--role-arn", "arn:r"],
    });
  });

  test("posture factors of the NodePool limits, rounded up", () => {
    const limits = { cpu: 201, memoryGiB: 801 };
    expect(limitsFor(limits, "active")).toEqual({ cpu: 201, memoryGiB: 801 });
    expect(limitsFor(limits, "warm-standby")).toEqual({ cpu: 101, memoryGiB: 401 });
    expect(limitsFor(limits, "pilot-light")).toEqual({ cpu: 51, memoryGiB: 201 });
  });
});

test("a cluster with protect off: no EKS deletion protection and no Pulumi protect", async () => {
  const r = await run(
    () => {
      new EksCluster("c", {
        region: "eu-west-1",
        clusterName: "test-euw1-eks",
        accountId: "111122223333",
        kubernetesVersion: "1.36",
        vpcId: "vpc-1",
        subnetIds: ["subnet-a", "subnet-b"],
        privateAccessCidrs: ["10.0.0.0/16"],
        secretsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/s",
        logsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/l",
        adminRoleArns: [],
        protect: false,
      });
    },
    { region: "eu-west-1" },
  );
  const cluster = r.one("aws:eks/cluster:Cluster", "c");
  expect([cluster.inputs.deletionProtection, cluster.options.protect]).toEqual([false, false]);
});

describe("the NodePools' delete timeout", () => {
  const pool = (name: string, terminationGracePeriod?: string) =>
    ({ name, ...(terminationGracePeriod ? { terminationGracePeriod } : {}) }) as unknown as NodePoolArgs;
  test("the longest grace period plus the margin, in minutes", () => {
    expect(durationSeconds("1h30m15s")).toBe(5415);
    expect(deleteTimeout([pool("a", "1h"), pool("b", "2h30m")])).toBe(`${150 + DELETE_MARGIN_MINUTES}m`);
    expect(deleteTimeout([pool("a", "90s")])).toBe(`${2 + DELETE_MARGIN_MINUTES}m`);
  });
  test("none when a pool has no grace period (its drain is unbounded)", () => {
    expect(deleteTimeout([pool("a", "1h"), pool("b")])).toBeUndefined();
    expect(deleteTimeout([])).toBeUndefined();
  });
});

/**
 * The statements of the six managed policies in AWS's CloudFormation reference for Karpenter 1.14
 * (tests/fixtures/karpenter/cloudformation-v1.14.yaml), their `!Sub` variables filled in.
 */
function referenceStatements(vars: Record<string, string>): { Sid: string }[] {
  const lines = readFileSync(
    join(__dirname, "..", "fixtures", "karpenter", "cloudformation-v1.14.yaml"),
    "utf8",
  ).split("\n");
  const indentOf = (l: string) => /^ */.exec(l)![0].length;
  const statements: { Sid: string }[] = [];
  lines.forEach((line, i) => {
    if (!/PolicyDocument: !Sub \|$/.test(line)) return;
    const indent = indentOf(lines[i + 1]);
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j].trim() === "" || indentOf(lines[j]) >= indent); j++)
      body.push(lines[j]);
    const json = body.join("\n").replace(/\$\{([^}]+)\}/g, (_, v: string) => {
      if (!(v in vars)) throw new Error(`no value for \${${v}}`);
      return vars[v];
    });
    statements.push(...(JSON.parse(json) as { Statement: { Sid: string }[] }).Statement);
  });
  return statements;
}

test("the controller policy holds every statement of AWS's reference, tag conditions included", () => {
  const reference = referenceStatements({
    "AWS::Partition": "aws",
    "AWS::Region": inputs.region,
    "AWS::AccountId": inputs.accountId,
    "AWS::URLSuffix": "amazonaws.com",
    ClusterName: inputs.clusterName,
    "KarpenterInterruptionQueue.Arn": inputs.queueArn,
    "KarpenterNodeRole.Arn": inputs.nodeRoleArn,
  });
  expect(reference).toHaveLength(18);
  const ours = controllerPolicyDocument(inputs).Statement as { Sid: string }[];
  for (const ref of reference) {
    // The one narrowing: the commercial partition's EC2 only (the reference also names the China
    // partition's ec2.amazonaws.com.cn).
    const expected =
      ref.Sid === "AllowPassingInstanceRole"
        ? { ...ref, Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } }
        : ref;
    expect(ours.find((s) => s.Sid === ref.Sid)).toEqual(expected);
  }
  // What the platform adds, and nothing else.
  expect(ours.filter((s) => !reference.some((r) => r.Sid === s.Sid)).map((s) => s.Sid)).toEqual([
    "AllowSpotServiceLinkedRoleCreation",
    "AllowInterruptionQueueDecrypt",
  ]);
});
