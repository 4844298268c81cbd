/**
 * EKS with Karpenter on both real stacks' plans: the cluster, its add-ons and system nodes, access,
 * Karpenter's AWS side (Pod Identity, queue, the five rules), both Helm releases, the NodePools and
 * the EC2NodeClass, the order they are created (and, reversed, deleted) in, and the data stores
 * admitting the nodes.
 */
import { eksOutputSchema } from "../../stacks/contract";
import type { PlanResource, StackPlan } from "../../src/plan/types";
import { registered as ofType, named as get, plansByStack } from "../helpers/plan";

const T = {
  cluster: "aws:eks/cluster:Cluster",
  addon: "aws:eks/addon:Addon",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  entry: "aws:eks/accessEntry:AccessEntry",
  association: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  podIdentity: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  role: "aws:iam/role:Role",
  policy: "aws:iam/policy:Policy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  key: "aws:kms/key:Key",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  subnet: "aws:ec2/subnet:Subnet",
  release: "kubernetes:helm.sh/v3:Release",
  nodePool: "kubernetes:karpenter.sh/v1:NodePool",
  nodeClass: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
  k8sProvider: "pulumi:providers:kubernetes",
} as const;

const STACKS = [
  ["us-east-1", "prod-use1"],
  ["eu-west-1", "prod-euw1"],
] as const;

let plans: Record<string, StackPlan>;
beforeAll(async () => {
  plans = await plansByStack();
});

const keyArn = (p: StackPlan, name: string) => {
  const k = get(p, T.key, name);
  return `arn:aws:kms:${k.region}:111122223333:key/${k.id}`;
};
/** Whether `a` depends on `b`, directly or through other resources (a is created after b, deleted before it). */
function dependsOn(p: StackPlan, a: PlanResource, b: PlanResource): boolean {
  const byUrn = new Map(p.resources.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const stack = [a.urn];
  while (stack.length > 0) {
    const r = byUrn.get(stack.pop()!)!;
    const deps = [
      ...r.options.dependsOn,
      ...Object.values(r.options.propertyDependencies).flat(),
      ...(r.provider ? [r.provider.split("::").slice(0, -1).join("::")] : []),
    ];
    for (const d of deps) {
      if (d === b.urn) return true;
      if (!seen.has(d) && byUrn.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return false;
}
const statements = (doc: unknown) =>
  (JSON.parse(doc as string) as { Statement: Record<string, unknown>[] }).Statement;

describe.each(STACKS)("EKS in %s", (stack, prefix) => {
  const p = () => plans[stack];
  const cluster = () => get(p(), T.cluster, `${prefix}-eks`);

  test("no policy of the pack is violated", () => {
    expect(p().policies.violations).toEqual([]);
  });

  test("the cluster: private endpoint, API authentication, encrypted secrets, all logs, no self-managed add-ons", () => {
    const c = cluster().inputs;
    const network = p().outputs.network as { privateSubnetIds: string[] };
    expect(c.name).toBe(`${prefix}-eks`);
    expect(c.version).toBe("1.35");
    expect(c.vpcConfig).toEqual({
      subnetIds: network.privateSubnetIds,
      securityGroupIds: [get(p(), T.sg, `${prefix}-eks-api`).id],
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    expect(c.accessConfig).toEqual({
      authenticationMode: "API",
      bootstrapClusterCreatorAdminPermissions: false,
    });
    expect(c.bootstrapSelfManagedAddons).toBe(false);
    expect(c.encryptionConfig).toEqual({
      provider: { keyArn: keyArn(p(), `${prefix}-eks`) },
      resources: ["secrets"],
    });
    expect(c.enabledClusterLogTypes).toEqual([
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
    expect(c.upgradePolicy).toEqual({ supportType: "STANDARD" });
    // platform:protect is on in both stack files: EKS deletion protection and Pulumi's protect.
    expect(c.deletionProtection).toBe(true);
    expect(cluster().options.protect).toBe(true);
    expect(cluster().region).toBe(stack);
    expect(cluster().options.ignoreChanges).toEqual([
      "accessConfig.bootstrapClusterCreatorAdminPermissions",
      "bootstrapSelfManagedAddons",
    ]);
  });

  test("the private endpoint admits the VPC's own CIDR on 443 (runners in the VPC), and the Kubernetes provider waits for it", () => {
    const cidr = (p().config["platform:network"] as { cidr: string }).cidr;
    const api = get(p(), T.sg, `${prefix}-eks-api`);
    expect(api.inputs.description).toBe(
      `EKS API endpoint of ${prefix}-eks: HTTPS from the networks that deploy to it`,
    );
    // Not tagged for Karpenter's discovery: nodes never get it.
    expect((api.inputs.tags as Record<string, string>)["karpenter.sh/discovery"]).toBeUndefined();
    const rules = ofType(p(), T.ingress).filter((r) =>
      (r.options.propertyDependencies.securityGroupId ?? []).includes(api.urn),
    );
    expect(
      rules.map((r) => [r.name, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
    ).toEqual([[`${prefix}-eks-api-${cidr.replace(/[./]/g, "-")}`, "tcp", 443, 443, cidr]]);
    expect(cluster().options.propertyDependencies.vpcConfig).toContain(api.urn);
    const provider = get(p(), T.k8sProvider, `${prefix}-eks-k8s`);
    expect(provider.options.dependsOn).toContain(rules[0].urn);
  });

  test("the control-plane log group exists first, with retention and the region's logs key", () => {
    const lg = get(p(), T.logGroup, `${prefix}-eks-control-plane`);
    expect(lg.inputs).toMatchObject({
      name: `/aws/eks/${prefix}-eks/cluster`,
      retentionInDays: 365,
      kmsKeyId: keyArn(p(), `${prefix}-logs`),
    });
    expect(cluster().options.dependsOn).toContain(lg.urn);
    // EKS re-creates a deleted group from its last logs: the group outlives the stack instead.
    expect(lg.options.retainOnDelete).toBe(true);
  });

  test("the private subnets carry the discovery tag with the cluster's name", () => {
    const privateSubnets = ofType(p(), T.subnet).filter((s) => s.name.includes("-private-"));
    expect(privateSubnets.length).toBe(3);
    for (const s of privateSubnets)
      expect((s.inputs.tags as Record<string, string>)["karpenter.sh/discovery"]).toBe(`${prefix}-eks`);
  });

  test("admin roles from config get access entries and the cluster admin policy", () => {
    const admins = ofType(p(), T.entry).filter((e) => e.inputs.type === "STANDARD");
    expect(admins.map((e) => e.inputs.principalArn).sort()).toEqual([
      "arn:aws:iam::111122223333:role/platform-admin",
      "arn:aws:iam::111122223333:role/platform-deploy",
    ]);
    const associations = ofType(p(), T.association);
    expect(
      associations.map((a) => [a.inputs.principalArn, a.inputs.policyArn, a.inputs.accessScope]).sort(),
    ).toEqual(
      admins
        .map((e) => [
          e.inputs.principalArn,
          "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
          { type: "cluster" },
        ])
        .sort(),
    );
    for (const a of associations) expect(admins.some((e) => a.options.dependsOn.includes(e.urn))).toBe(true);
  });

  test("the add-ons: pinned builds; the DaemonSets a node needs before the nodes, the Deployments after", () => {
    const addons = Object.fromEntries(ofType(p(), T.addon).map((a) => [a.inputs.addonName as string, a]));
    expect(Object.fromEntries(Object.entries(addons).map(([n, a]) => [n, a.inputs.addonVersion]))).toEqual({
      "vpc-cni": "v1.20.4-eksbuild.2",
      "kube-proxy": "v1.35.0-eksbuild.2",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.1",
      coredns: "v1.12.4-eksbuild.1",
      "metrics-server": "v0.8.0-eksbuild.5",
    });
    const ng = get(p(), T.nodeGroup, `${prefix}-eks-system`);
    for (const n of ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"]) {
      expect([n, dependsOn(p(), ng, addons[n])]).toEqual([n, true]);
      expect([n, dependsOn(p(), addons[n], ng)]).toEqual([n, false]);
    }
    for (const n of ["coredns", "metrics-server"]) {
      expect([n, dependsOn(p(), addons[n], ng)]).toEqual([n, true]);
      expect(JSON.parse(addons[n].inputs.configurationValues as string)).toEqual({
        tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
      });
    }
  });

  test("the system node group: on-demand, tainted, IMDSv2 with hop limit 1, encrypted gp3, private subnets", () => {
    const ng = get(p(), T.nodeGroup, `${prefix}-eks-system`);
    const lt = get(p(), T.lt, `${prefix}-eks-system`);
    const network = p().outputs.network as { privateSubnetIds: string[] };
    expect(ng.inputs).toMatchObject({
      capacityType: "ON_DEMAND",
      amiType: "AL2023_x86_64_STANDARD",
      instanceTypes: ["m7i.large", "m6i.large"],
      subnetIds: network.privateSubnetIds,
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
      taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }],
      labels: { "platform/node-group": "system" },
      launchTemplate: { id: lt.id },
    });
    expect(ng.options.ignoreChanges).toEqual(["scalingConfig.desiredSize"]);
    expect(lt.inputs.metadataOptions).toEqual({
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    });
    expect(lt.inputs.blockDeviceMappings).toEqual([
      {
        deviceName: "/dev/xvda",
        ebs: {
          volumeType: "gp3",
          volumeSize: 50,
          encrypted: "true",
          kmsKeyId: keyArn(p(), `${prefix}-eks-ebs`),
          deleteOnTermination: "true",
        },
      },
    ]);
    const nodeSg = get(p(), T.sg, `${prefix}-eks-nodes`);
    expect(lt.inputs.vpcSecurityGroupIds).toContain(nodeSg.id);
    expect((nodeSg.inputs.tags as Record<string, string>)["karpenter.sh/discovery"]).toBe(`${prefix}-eks`);
  });

  test("the node volumes' key is usable through EC2 by the account; the queue's by EventBridge", () => {
    const ebs = statements(get(p(), T.key, `${prefix}-eks-ebs`).inputs.policy);
    expect(ebs.find((s) => s.Sid === "AccountUsesKeyViaec2")).toMatchObject({
      Principal: { AWS: "*" },
      Condition: {
        StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": `ec2.${stack}.amazonaws.com` },
      },
    });
    const queue = statements(get(p(), T.key, `${prefix}-karpenter-queue`).inputs.policy);
    expect(queue.find((s) => s.Sid === "ServicesSendToEncryptedQueues")).toEqual({
      Sid: "ServicesSendToEncryptedQueues",
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com"] },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
    });
  });

  test("Karpenter's controller role is bound by Pod Identity to kube-system/karpenter", () => {
    const assoc = get(p(), T.podIdentity, `${prefix}-karpenter-aws-controller`);
    const role = get(p(), T.role, `${prefix}-karpenter-aws-controller`);
    expect(assoc.inputs).toMatchObject({
      clusterName: `${prefix}-eks`,
      namespace: "kube-system",
      serviceAccount: "karpenter",
      roleArn: `arn:aws:iam::111122223333:role/${role.id}`,
    });
    expect(statements(role.inputs.assumeRolePolicy)).toEqual([
      {
        Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": "111122223333",
            "aws:RequestTag/eks-cluster-arn": `arn:aws:eks:${p().region}:111122223333:cluster/${prefix}-eks`,
            "aws:RequestTag/kubernetes-namespace": "kube-system",
            "aws:RequestTag/kubernetes-service-account": "karpenter",
          },
        },
      },
    ]);
  });

  test("the controller policy is scoped to this cluster and region and passes only the node role", () => {
    const nodeRole = get(p(), T.role, `${prefix}-karpenter-aws-node`);
    const docs = ofType(p(), T.policy).filter((x) =>
      x.name.startsWith(`${prefix}-karpenter-aws-controller-`),
    );
    expect(docs.map((d) => d.name).sort()).toEqual([
      `${prefix}-karpenter-aws-controller-integration`,
      `${prefix}-karpenter-aws-controller-node-lifecycle`,
    ]);
    const all = docs.flatMap((d) => statements(d.inputs.policy));
    const pass = all.filter((s) => ([] as unknown[]).concat(s.Action).includes("iam:PassRole"));
    expect(pass).toEqual([
      {
        Sid: "AllowPassingInstanceRole",
        Effect: "Allow",
        Resource: `arn:aws:iam::111122223333:role/${nodeRole.id}`,
        Action: "iam:PassRole",
        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      },
    ]);
    const text = JSON.stringify(all);
    expect(text).toContain(`aws:ResourceTag/kubernetes.io/cluster/${prefix}-eks`);
    expect(text).toContain(`arn:aws:eks:${stack}:111122223333:cluster/${prefix}-eks`);
    expect(text).not.toMatch(new RegExp(`arn:aws:ec2:(?!${stack})`));
    for (const d of docs)
      expect((d.inputs.policy as string).replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
    const attached = ofType(p(), T.attachment).filter((a) =>
      a.name.startsWith(`${prefix}-karpenter-aws-controller-`),
    );
    const controllerRole = get(p(), T.role, `${prefix}-karpenter-aws-controller`);
    expect(attached.map((a) => [a.inputs.role, a.options.propertyDependencies.policyArn]).sort()).toEqual(
      docs.map((d) => [controllerRole.id, [d.urn]]).sort(),
    );
  });

  test("the node role: EKS worker, CNI, registry pull and SSM policies; an EC2_LINUX access entry", () => {
    const nodeRole = get(p(), T.role, `${prefix}-karpenter-aws-node`);
    const policies = ofType(p(), T.attachment)
      .filter((a) => a.inputs.role === nodeRole.id)
      .map((a) => a.inputs.policyArn)
      .sort();
    expect(policies).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    ]);
    const entry = get(p(), T.entry, `${prefix}-karpenter-aws-node`);
    expect(entry.inputs).toMatchObject({
      type: "EC2_LINUX",
      principalArn: `arn:aws:iam::111122223333:role/${nodeRole.id}`,
    });
  });

  test("the interruption queue: KMS-encrypted, TLS only, written only by this stack's rules and SQS for this account", () => {
    const q = get(p(), T.queue, `${prefix}-karpenter-aws-interruption`);
    expect(q.inputs).toMatchObject({
      name: `${prefix}-eks-karpenter-interruption`,
      messageRetentionSeconds: 300,
      kmsMasterKeyId: keyArn(p(), `${prefix}-karpenter-queue`),
    });
    const arn = `arn:aws:sqs:${stack}:111122223333:${prefix}-eks-karpenter-interruption`;
    const policy = get(p(), T.queuePolicy, `${prefix}-karpenter-aws-interruption`);
    const ruleArns = ofType(p(), T.rule)
      .filter((r) => r.name.startsWith(`${prefix}-karpenter-aws-`))
      .map((r): unknown =>
        expect.stringMatching(
          new RegExp(`^arn:aws:events:${stack}:111122223333:rule/${r.name}-[0-9a-f]{7}$`),
        ),
      );
    expect(ruleArns).toHaveLength(5);
    const sourceArns = (
      statements(policy.inputs.policy)[0].Condition as { ArnEquals: Record<string, string[]> }
    ).ArnEquals["aws:SourceArn"];
    expect(new Set(sourceArns).size).toBe(5);
    expect(statements(policy.inputs.policy)).toEqual([
      {
        Sid: "EventBridgeRulesSend",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: arn,
        // The five rules (in the order their ARNs resolve), and nothing else.
        Condition: { ArnEquals: { "aws:SourceArn": expect.arrayContaining(ruleArns) } },
      },
      {
        Sid: "SqsSendForThisAccount",
        Effect: "Allow",
        Principal: { Service: "sqs.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: arn,
        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
      },
      {
        Sid: "DenyHTTP",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: arn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  test("the five EventBridge rules, with the reference's exact event patterns, target the queue", () => {
    const patterns = Object.fromEntries(
      ofType(p(), T.rule)
        .filter((r) => r.name.startsWith(`${prefix}-karpenter-aws-`))
        .map((r) => [
          r.name.slice(`${prefix}-karpenter-aws-`.length),
          JSON.parse(r.inputs.eventPattern as string),
        ]),
    );
    // cloudformation-v1.14.yaml: ScheduledChangeRule, SpotInterruptionRule, RebalanceRule,
    // InstanceStateChangeRule, CapacityReservationInterruptionRule.
    expect(patterns).toEqual({
      "health-event": { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
      "spot-interruption": { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
      "rebalance-recommendation": {
        source: ["aws.ec2"],
        "detail-type": ["EC2 Instance Rebalance Recommendation"],
      },
      "instance-state-change": {
        source: ["aws.ec2"],
        "detail-type": ["EC2 Instance State-change Notification"],
      },
      "capacity-reservation-interruption": {
        source: ["aws.ec2"],
        "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"],
      },
    });
    const targets = ofType(p(), T.target).filter((t) => t.name.startsWith(`${prefix}-karpenter-aws-`));
    expect(targets).toHaveLength(5);
    for (const t of targets) {
      expect(t.inputs).toMatchObject({
        arn: `arn:aws:sqs:${stack}:111122223333:${prefix}-eks-karpenter-interruption`,
        targetId: "KarpenterInterruptionQueueTarget",
      });
    }
  });

  test("both Helm releases at the same version; the controller skips CRDs and is set for this cluster", () => {
    const crd = get(p(), T.release, `${prefix}-karpenter-crd`);
    const ctl = get(p(), T.release, `${prefix}-karpenter`);
    expect(crd.inputs).toMatchObject({
      chart: "oci://public.ecr.aws/karpenter/karpenter-crd",
      version: "1.14.1",
      namespace: "kube-system",
    });
    expect(crd.inputs.skipCrds).toBeUndefined();
    expect(ctl.inputs).toMatchObject({
      chart: "oci://public.ecr.aws/karpenter/karpenter",
      version: "1.14.1",
      namespace: "kube-system",
      skipCrds: true,
    });
    const eks = p().outputs.eks as { endpoint: string };
    expect(ctl.inputs.values).toEqual({
      serviceAccount: { create: true, name: "karpenter" },
      replicas: 2,
      podDisruptionBudget: { name: "karpenter", maxUnavailable: 1 },
      nodeSelector: { "kubernetes.io/os": "linux", "platform/node-group": "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] },
            ],
          },
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }],
        },
      },
      controller: {
        env: [{ name: "AWS_REGION", value: stack }],
        resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
      },
      settings: {
        clusterName: `${prefix}-eks`,
        clusterEndpoint: eks.endpoint,
        interruptionQueue: `${prefix}-eks-karpenter-interruption`,
      },
    });
  });

  test("every Kubernetes resource uses the cluster's provider, whose kubeconfig runs aws eks get-token", () => {
    const [provider] = ofType(p(), T.k8sProvider);
    expect(ofType(p(), T.k8sProvider)).toHaveLength(1);
    const k8s = p().resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(k8s).toHaveLength(5);
    for (const r of k8s) expect(r.provider?.startsWith(`${provider.urn}::`)).toBe(true);
    const config = JSON.parse(provider.inputs.kubeconfig as string) as {
      users: { user: { exec: { command: string; args: string[] } } }[];
      clusters: { cluster: { server: string } }[];
    };
    expect(config.users[0].user.exec).toMatchObject({
      command: "aws",
      args: [
        "eks",
        "get-token",
        "--cluster-name",
        `${prefix}-eks`,
        "--region",
        stack,
        "--role-arn",
        "arn:aws:iam::111122223333:role/platform-deploy",
      ],
    });
    expect(config.clusters[0].cluster.server).toBe((p().outputs.eks as { endpoint: string }).endpoint);
    expect(provider.inputs).toMatchObject({ enableServerSideApply: "true", deleteUnreachable: "false" });
    for (const a of ofType(p(), T.association)) expect(provider.options.dependsOn).toContain(a.urn);
  });

  test("create order: CRDs and controller before the node class and pools; the controller after its nodes", () => {
    const r = (type: string, name: string) => get(p(), type, name);
    const crd = r(T.release, `${prefix}-karpenter-crd`);
    const ctl = r(T.release, `${prefix}-karpenter`);
    const nodeClass = r(T.nodeClass, `${prefix}-karpenter-pools-default`);
    const pools = ofType(p(), T.nodePool);
    expect(pools.map((x) => x.name).sort()).toEqual([
      `${prefix}-karpenter-pools-critical`,
      `${prefix}-karpenter-pools-general`,
    ]);
    for (const x of [nodeClass, ...pools]) {
      expect(x.options.dependsOn).toEqual(expect.arrayContaining([crd.urn, ctl.urn]));
    }
    for (const x of pools) expect(x.options.dependsOn).toContain(nodeClass.urn);
    expect(ctl.options.dependsOn).toContain(crd.urn);
    for (const before of [
      r(T.nodeGroup, `${prefix}-eks-system`),
      r(T.addon, `${prefix}-eks-workload-coredns`),
      r(T.addon, `${prefix}-eks-base-eks-pod-identity-agent`),
      r(T.podIdentity, `${prefix}-karpenter-aws-controller`),
      r(T.entry, `${prefix}-karpenter-aws-node`),
      cluster(),
    ]) {
      expect([before.name, dependsOn(p(), ctl, before)]).toEqual([before.name, true]);
    }
  });

  test("destroy order (the reverse): pools, node class, controller, then nodes, add-ons, cluster", () => {
    // Pulumi deletes a resource before everything it depends on.
    const chain = [
      ...ofType(p(), T.nodePool),
      get(p(), T.nodeClass, `${prefix}-karpenter-pools-default`),
      get(p(), T.release, `${prefix}-karpenter`),
      get(p(), T.nodeGroup, `${prefix}-eks-system`),
      get(p(), T.addon, `${prefix}-eks-base-vpc-cni`),
      cluster(),
    ];
    for (let i = 0; i + 1 < chain.length; i++) {
      const [first, later] = [chain[i], chain[i + 1]];
      if (first.type === T.nodePool && later.type === T.nodePool) continue;
      expect([first.name, later.name, dependsOn(p(), first, later)]).toEqual([first.name, later.name, true]);
    }
    expect(dependsOn(p(), ofType(p(), T.nodePool)[0], get(p(), T.release, `${prefix}-karpenter-crd`))).toBe(
      true,
    );
  });

  test("the EC2NodeClass tags what Karpenter launches with the platform's tags (cost allocation)", () => {
    const nodeClass = get(p(), T.nodeClass, `${prefix}-karpenter-pools-default`);
    const vpc = ofType(p(), "aws:ec2/vpc:Vpc")[0];
    const platformTags = Object.fromEntries(
      Object.entries(vpc.inputs.tags as Record<string, string>).filter(([k]) => k !== "Name"),
    );
    expect(platformTags).toMatchObject({ owner: "platform-team", "cost-center": "cc-1042" });
    expect((nodeClass.inputs.spec as { tags: Record<string, string> }).tags).toEqual(platformTags);
  });

  test("the critical pool outweighs the general one (tried first for pods that tolerate its taint)", () => {
    const weight = (n: string) =>
      (get(p(), T.nodePool, `${prefix}-karpenter-pools-${n}`).inputs.spec as { weight?: number }).weight;
    expect([weight("critical"), weight("general")]).toEqual([50, 10]);
  });

  test("drains are bounded: every NodePool has a terminationGracePeriod; their deletes wait past it", () => {
    const pools = ofType(p(), T.nodePool);
    expect(
      pools.map((x) => [
        x.name,
        (x.inputs.spec as { template: { spec: Record<string, unknown> } }).template.spec
          .terminationGracePeriod,
      ]),
    ).toEqual(pools.map((x) => [x.name, "1h"]));
    // 1h grace period + 20m margin: Karpenter's finalizers hold the pools and the class until then.
    for (const x of [...pools, get(p(), T.nodeClass, `${prefix}-karpenter-pools-default`)]) {
      expect([x.name, x.options.customTimeouts]).toEqual([x.name, { delete: "80m" }]);
    }
  });

  test("the data stores (and the database's proxy) admit the nodes' security group on their ports", () => {
    const nodeSg = get(p(), T.sg, `${prefix}-eks-nodes`);
    const rules = ofType(p(), T.ingress).filter((r) => r.name.endsWith("-from-eks-nodes"));
    expect(rules.map((r) => [r.name, r.inputs.fromPort, r.inputs.referencedSecurityGroupId]).sort()).toEqual([
      [`${prefix}-aurora-from-eks-nodes`, 5432, nodeSg.id],
      [`${prefix}-aurora-proxy-from-eks-nodes`, 5432, nodeSg.id],
      [`${prefix}-cache-from-eks-nodes`, 6379, nodeSg.id],
    ]);
  });

  test("outputs: the eks contract, and the kubeconfig as a secret", () => {
    const eks = eksOutputSchema.strict().parse(p().outputs.eks);
    expect(eks).toMatchObject({
      clusterName: `${prefix}-eks`,
      nodeSecurityGroupId: get(p(), T.sg, `${prefix}-eks-nodes`).id,
      karpenterQueueName: `${prefix}-eks-karpenter-interruption`,
      nodeRoleArn: `arn:aws:iam::111122223333:role/${get(p(), T.role, `${prefix}-karpenter-aws-node`).id}`,
    });
    expect(eks.oidcIssuer).toMatch(
      new RegExp(`^https://oidc\\.eks\\.${stack}\\.amazonaws\\.com/id/[0-9A-F]{32}$`),
    );
    expect(p().outputs.kubeconfig).toBe("[secret]");
  });
});

describe("the posture scales the NodePools' limits", () => {
  const limits = (p: StackPlan) =>
    Object.fromEntries(
      ofType(p, T.nodePool).map((r): [string, unknown] => [
        (r.inputs.metadata as { name: string }).name,
        (r.inputs.spec as { limits: unknown }).limits,
      ]),
    );
  test("the active primary runs the configured limits, the warm-standby secondary half", () => {
    expect(limits(plans["us-east-1"])).toEqual({
      general: { cpu: "200", memory: "800Gi" },
      critical: { cpu: "64", memory: "256Gi" },
    });
    expect(limits(plans["eu-west-1"])).toEqual({
      general: { cpu: "100", memory: "400Gi" },
      critical: { cpu: "32", memory: "128Gi" },
    });
  });
});
