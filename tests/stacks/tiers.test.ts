import { platformPack } from "../../policies/pack";
import { descriptionProblem } from "../../policies/preflight/security-group-descriptions";
import { TAG_KEY_RE } from "../../src/config/schema";
import { TAG } from "../../src/conventions";
import { planStacks } from "../../src/plan/plan";
import { runStack } from "../../src/plan/run-stack";
import { findStackFiles, readStackFile, type StackFile } from "../../src/plan/stack-files";
import { thirdRegionFile } from "../helpers/third-region";
import type { PlanResource, StackPlan } from "../../src/plan/types";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";
import { realPlans } from "../helpers/plans";

const files = () => findStackFiles(ROOT).map(readStackFile);
const get = (p: StackPlan, type: string, name: string): PlanResource => {
  const r = p.resources.find((x) => x.type === `aws:${type}` && x.name === name);
  if (!r) throw new Error(`${p.stack}: no ${type} ${name}`);
  return r;
};
const ofType = (p: StackPlan, type: string) => p.resources.filter((x) => x.type === `aws:${type}`);

describe("the tiers in both region stacks", () => {
  let use1: StackPlan;
  let euw1: StackPlan;
  beforeAll(async () => {
    [use1, euw1] = await realPlans();
  });

  test("every policy passes on both plans", () => {
    expect(use1.policies.violations).toEqual([]);
    expect(euw1.policies.violations).toEqual([]);
  });

  test.each([
    ["us-east-1", "prod-use1"],
    ["eu-west-1", "prod-euw1"],
  ])("%s: web ALB public, app ALB internal, each in its own region", (stack, prefix) => {
    const p = stack === "us-east-1" ? use1 : euw1;
    const network = p.outputs.network as { publicSubnetIds: string[]; privateSubnetIds: string[] };
    const web = get(p, "lb/loadBalancer:LoadBalancer", `${prefix}-web-alb`);
    const app = get(p, "lb/loadBalancer:LoadBalancer", `${prefix}-app-alb`);
    expect([web.inputs.internal, web.inputs.subnets, web.region]).toEqual([
      false,
      network.publicSubnetIds,
      stack,
    ]);
    expect([app.inputs.internal, app.inputs.subnets, app.region]).toEqual([
      true,
      network.privateSubnetIds,
      stack,
    ]);
    const webAsg = get(p, "autoscaling/group:Group", `${prefix}-web-asg`);
    expect(webAsg.inputs.vpcZoneIdentifiers).toEqual(network.privateSubnetIds);
  });

  test("the web ALB admits the region's CloudFront prefix list from config", () => {
    const rule = (p: StackPlan, prefix: string) =>
      get(p, "vpc/securityGroupIngressRule:SecurityGroupIngressRule", `${prefix}-web-alb-in-443-cloudfront`);
    expect(rule(use1, "prod-use1").inputs.prefixListId).toBe("pl-3b927c52");
    expect(rule(euw1, "prod-euw1").inputs.prefixListId).toBe("pl-4fa04526");
  });

  test("the app ALB admits only the web tier's instances", () => {
    const webInstances = get(use1, "ec2/securityGroup:SecurityGroup", "prod-use1-web-instances");
    const rules = ofType(use1, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
      r.name.startsWith("prod-use1-app-alb-in"),
    );
    expect(rules.map((r) => r.inputs.referencedSecurityGroupId)).toEqual([webInstances.id, webInstances.id]);
    expect(rules.every((r) => r.inputs.cidrIpv4 === undefined && r.inputs.prefixListId === undefined)).toBe(
      true,
    );
  });

  test("posture: the active primary runs its floor, the warm-standby secondary one instance per tier", () => {
    const size = (p: StackPlan, name: string) => {
      const g = get(p, "autoscaling/group:Group", name);
      return [g.inputs.minSize, g.inputs.maxSize, g.inputs.desiredCapacity];
    };
    expect(size(use1, "prod-use1-web-asg")).toEqual([2, 10, 2]);
    expect(size(use1, "prod-use1-app-asg")).toEqual([2, 15, 2]);
    expect(size(euw1, "prod-euw1-web-asg")).toEqual([1, 10, 1]);
    expect(size(euw1, "prod-euw1-app-asg")).toEqual([1, 15, 1]);
    expect(euw1.outputs.posture).toBe("warm-standby");
  });

  test("the origin secret is required by both web listeners and never appears in a plan", () => {
    for (const [p, prefix] of [
      [use1, "prod-use1"],
      [euw1, "prod-euw1"],
    ] as const) {
      const rule = get(p, "lb/listenerRule:ListenerRule", `${prefix}-web-alb-origin-verify`);
      expect(rule.inputs.conditions).toEqual([
        { httpHeader: { httpHeaderName: "X-Origin-Verify", values: ["[secret]"] } },
      ]);
    }
    expect(use1.outputs.originVerifySecret).toBe("[secret]");
    expect(euw1.outputs.originVerifySecret).toBeUndefined();
  });

  test("web certificates cover the failover and regional origin names; only the primary writes the shared record", () => {
    const cert = (p: StackPlan, prefix: string) => get(p, "acm/certificate:Certificate", `${prefix}-web`);
    expect(cert(use1, "prod-use1").inputs).toMatchObject({
      domainName: "origin.shop.example.com",
      subjectAlternativeNames: ["origin-us-east-1.shop.example.com"],
      validationMethod: "DNS",
    });
    expect(cert(euw1, "prod-euw1").inputs.subjectAlternativeNames).toEqual([
      "origin-eu-west-1.shop.example.com",
    ]);
    const records = (p: StackPlan, prefix: string) =>
      ofType(p, "route53/record:Record")
        .filter((r) => r.name.startsWith(`${prefix}-web-validation`))
        .map((r) => String(r.inputs.name));
    expect(records(use1, "prod-use1").map((n) => n.split(".").slice(1).join("."))).toEqual([
      "origin.shop.example.com.",
      "origin-us-east-1.shop.example.com.",
    ]);
    expect(records(euw1, "prod-euw1").map((n) => n.split(".").slice(1).join("."))).toEqual([
      "origin-eu-west-1.shop.example.com.",
    ]);
    expect(get(euw1, "acm/certificate:Certificate", "prod-euw1-app").inputs.domainName).toBe(
      "app-eu-west-1.shop.example.com",
    );
    // Every record is in the public zone, but the app tier's private name.
    expect(
      ofType(use1, "route53/record:Record")
        .filter((r) => r.inputs.zoneId !== "Z0123456789EXAMPLEZ1")
        .map((r) => r.name),
    ).toEqual(["prod-use1-app-private-dns"]);
  });

  test("access logs: SSE-S3 bucket writable by the region's ELB log-delivery account only under AWSLogs/<account>/", () => {
    const policy = (p: StackPlan, prefix: string) =>
      JSON.parse(String(get(p, "s3/bucketPolicy:BucketPolicy", `${prefix}-alb-logs`).inputs.policy)) as {
        Statement: { Sid: string; Principal: unknown; Resource: string }[];
      };
    const deliver = (p: StackPlan, prefix: string) =>
      policy(p, prefix).Statement.find((s) => s.Sid === "ElbLogDelivery")!;
    expect(deliver(use1, "prod-use1").Principal).toEqual({ AWS: "arn:aws:iam::127311923021:root" });
    expect(deliver(euw1, "prod-euw1").Principal).toEqual({ AWS: "arn:aws:iam::156460612806:root" });
    expect(deliver(use1, "prod-use1").Resource).toMatch(/\/\*\/AWSLogs\/111122223333\/\*$/);
    const sse = get(
      use1,
      "s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "prod-use1-alb-logs",
    );
    expect(sse.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    const lb = get(use1, "lb/loadBalancer:LoadBalancer", "prod-use1-web-alb");
    expect(lb.options.dependsOn).toContain(
      get(use1, "s3/bucketPolicy:BucketPolicy", "prod-use1-alb-logs").urn,
    );
  });

  test.each([
    ["us-east-1", "prod-use1"],
    ["eu-west-1", "prod-euw1"],
  ])(
    "%s: the EBS key admits Auto Scaling the way aws/ebs does (through EC2, this account), names no role, waits for nothing, and is protected",
    (stack, prefix) => {
      const p = stack === "us-east-1" ? use1 : euw1;
      const key = get(p, "kms/key:Key", `${prefix}-ebs`);
      const statements = (JSON.parse(String(key.inputs.policy)) as { Statement: Record<string, unknown>[] })
        .Statement;
      expect(statements.map((s) => s.Sid)).toEqual(["AccountAdministers", "AccountUsesKeyViaec2"]);
      expect(statements[1]).toEqual({
        Sid: "AccountUsesKeyViaec2",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:CreateGrant",
          "kms:DescribeKey",
        ],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:CallerAccount": "111122223333",
            "kms:ViaService": `ec2.${stack}.amazonaws.com`,
          },
        },
      });
      expect(String(key.inputs.policy)).not.toContain("aws-service-role");
      expect(key.options.dependsOn).toEqual([]);
      expect(key.inputs.tags).not.toHaveProperty(["platform:external-service-linked-roles"]);
      expect(key.options.protect).toBe(true);
      expect(get(p, "s3/bucket:Bucket", `${prefix}-alb-logs`).options.protect).toBe(true);
      // No stack creates or adopts the account's Auto Scaling service-linked role: Auto Scaling
      // creates it on the first CreateAutoScalingGroup, and creating it fails where it exists.
      expect(ofType(p, "iam/serviceLinkedRole:ServiceLinkedRole")).toEqual([]);
    },
  );

  test("every tag key an instance can carry passes EC2's instance metadata rule, the platform's own keys included", () => {
    // The launch templates enable instance metadata tags, and EC2 then refuses to launch an
    // instance with any other key (EC2 user guide, "View tags for your EC2 instances using
    // instance metadata"): letters, digits and +-=.,_:@ only; not ".", ".." or "_index".
    const imds = /^(?!(?:\.|\.\.|_index)$)[A-Za-z0-9+\-=.,_:@]{1,128}$/;
    for (const key of Object.values(TAG)) {
      expect([key, imds.test(key), TAG_KEY_RE.test(key)]).toEqual([key, true, true]);
    }
    const instanceKeys = [use1, euw1].flatMap((p) => [
      ...ofType(p, "ec2/launchTemplate:LaunchTemplate").flatMap((lt) =>
        (lt.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[])
          .filter((t) => t.resourceType === "instance")
          .flatMap((t) => Object.keys(t.tags)),
      ),
      ...ofType(p, "autoscaling/group:Group").flatMap((g) =>
        (g.inputs.tags as { key: string; propagateAtLaunch: boolean }[])
          .filter((t) => t.propagateAtLaunch)
          .map((t) => t.key),
      ),
    ]);
    expect(instanceKeys).toContain(TAG.appUrl);
    expect(instanceKeys).toContain("service");
    expect(instanceKeys.filter((k) => !imds.test(k))).toEqual([]);
  });

  test("every security group and rule description in both plans uses only characters EC2 accepts", () => {
    const list = (v: unknown) => (Array.isArray(v) ? (v as { description?: unknown }[]) : []);
    const described = [use1, euw1].flatMap((p) =>
      p.resources
        .filter((r) => /securityGroup/i.test(r.type))
        .flatMap((r) =>
          [r.inputs.description, ...list(r.inputs.ingress), ...list(r.inputs.egress)]
            .map((d: unknown) =>
              typeof d === "object" && d !== null ? (d as { description?: unknown }).description : d,
            )
            .filter((d): d is string => typeof d === "string")
            .map((d) => `${r.name}: ${d}`),
        ),
    );
    expect(described.length).toBeGreaterThan(40);
    expect(described.filter((d) => descriptionProblem(d.slice(d.indexOf(": ") + 2)) !== undefined)).toEqual(
      [],
    );
    expect(described).toContain(
      "prod-use1-web-instances: web instances: traffic port from the tier load balancer only",
    );
  });

  test.each([
    ["us-east-1", "prod-use1"],
    ["eu-west-1", "prod-euw1"],
  ])(
    "%s: app-<region>.<domain> resolves inside the VPC to the internal load balancer, and the web instances are told that URL",
    (stack, prefix) => {
      const p = stack === "us-east-1" ? use1 : euw1;
      const name = `app-${stack}.shop.example.com`;
      const zones = ofType(p, "route53/zone:Zone");
      expect(zones.map((z) => z.inputs.name)).toEqual([name]);
      // The one name only: a private zone for the domain would shadow origin.<domain> in the VPC.
      expect(zones[0].inputs.vpcs).toEqual([
        { vpcId: (p.outputs.network as { vpcId: string }).vpcId, vpcRegion: stack },
      ]);
      const record = get(p, "route53/record:Record", `${prefix}-app-private-dns`);
      const alb = get(p, "lb/loadBalancer:LoadBalancer", `${prefix}-app-alb`);
      const tiers = p.outputs.tiers as Record<
        string,
        { albDnsName: string; albZoneId: string; hostname: string }
      >;
      expect(record.inputs).toMatchObject({ zoneId: zones[0].id, name, type: "A" });
      expect(record.inputs.aliases).toEqual([
        { name: tiers.app.albDnsName, zoneId: tiers.app.albZoneId, evaluateTargetHealth: true },
      ]);
      expect(record.options.propertyDependencies.aliases).toEqual([alb.urn]);
      expect(tiers.app.hostname).toBe(name);
      expect(get(p, "acm/certificate:Certificate", `${prefix}-app`).inputs.domainName).toBe(name);
      const tag = (asg: string) =>
        (
          get(p, "autoscaling/group:Group", asg).inputs.tags as {
            key: string;
            value: string;
            propagateAtLaunch: boolean;
          }[]
        ).find((t) => t.key === "platform:app-url");
      expect(tag(`${prefix}-web-asg`)).toEqual({
        key: "platform:app-url",
        value: `https://${name}`,
        propagateAtLaunch: true,
      });
      expect(tag(`${prefix}-app-asg`)).toBeUndefined();
    },
  );

  test("the web user data reads the app URL from its instance metadata tag", () => {
    const userData = Buffer.from(
      String(get(use1, "ec2/launchTemplate:LaunchTemplate", "prod-use1-web-asg").inputs.userData),
      "base64",
    ).toString();
    expect(userData).toContain("/latest/meta-data/tags/instance/platform:app-url");
    expect(
      (
        get(use1, "ec2/launchTemplate:LaunchTemplate", "prod-use1-web-asg").inputs.metadataOptions as Record<
          string,
          unknown
        >
      ).instanceMetadataTags,
    ).toBe("enabled");
  });

  test("the tier outputs dashboards and operators rely on", () => {
    const tiers = use1.outputs.tiers as Record<string, Record<string, unknown>>;
    for (const name of ["web", "app"]) {
      expect(Object.keys(tiers[name]).sort()).toEqual([
        "albArnSuffix",
        "albDnsName",
        "albSecurityGroupIds",
        "albZoneId",
        "asgName",
        "hostname",
        "instanceSecurityGroupId",
        "targetGroupArnSuffix",
      ]);
    }
    expect(tiers.web.albDnsName).toMatch(/\.us-east-1\.elb\.amazonaws\.com$/);
    expect(tiers.app.albDnsName).toMatch(/^internal-.*\.us-east-1\.elb\.amazonaws\.com$/);
    expect(tiers.web.albZoneId).toBe("Z35SXDOTRQ7X7K");
    expect(tiers.web.hostname).toBe("origin-us-east-1.shop.example.com");
  });
});

describe("the origin secret across stacks", () => {
  const runOne = (f: StackFile, outputs: Map<string, Record<string, unknown>>) =>
    runStack({
      stack: f.stack,
      project: "platform",
      config: f.values,
      secretKeys: [],
      region: String(f.decoded["aws:region"]),
      accountId: "111122223333",
      stackOutputs: outputs,
      program,
    });

  test("the secondary requires the very value the primary generated", async () => {
    const [use1File, euw1File] = [
      files().find((f) => f.stack === "us-east-1")!,
      files().find((f) => f.stack === "eu-west-1")!,
    ];
    const outputs = new Map<string, Record<string, unknown>>();
    const primary = await runOne(use1File, outputs);
    outputs.set("us-east-1", primary.plainOutputs);
    const secondary = await runOne(euw1File, outputs);
    const secret = primary.plainOutputs.originVerifySecret as string;
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    const header = (recs: typeof primary.records) =>
      (
        recs.find((r) => r.type === "aws:lb/listenerRule:ListenerRule" && r.name.endsWith("-origin-verify"))!
          .plainInputs.conditions as {
          httpHeader: { values: string[] };
        }[]
      )[0].httpHeader.values[0];
    expect(header(primary.records)).toBe(secret);
    expect(header(secondary.records)).toBe(secret);
    expect(
      JSON.stringify([
        primary.records.map((r) => r.inputs),
        secondary.records.map((r) => r.inputs),
        primary.outputs,
      ]),
    ).not.toContain(secret);
  });

  test("a pilot-light third region runs no instances", async () => {
    const [third] = await planStacks({
      project: "platform",
      stackFiles: [...files(), thirdRegionFile()],
      only: "ap-south-1",
      program,
      packs: [platformPack],
    });
    const groups = ofType(third, "autoscaling/group:Group").map((g) => [
      g.name,
      g.inputs.minSize,
      g.inputs.desiredCapacity,
      g.inputs.maxSize,
    ]);
    expect(groups.sort()).toEqual([
      ["prod-aps1-app-asg", 0, 0, 15],
      ["prod-aps1-web-asg", 0, 0, 10],
    ]);
    expect(third.policies.violations).toEqual([]);
  });
});
