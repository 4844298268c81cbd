import { scheduledActionName, Tier, type TierArgs, type TierScaling } from "../../components/compute";
import { run, type Ran } from "../helpers/run";

/** The web tier as the primary's stack file configures it (the component needs no stack file). */
const scaling: TierScaling = {
  cpuTarget: 70,
  requestsPerTarget: 1000,
  step: { scaleOutAt: 80, scaleOutFastAt: 90 },
  predictive: { mode: "ForecastOnly" },
  scheduled: [
    { name: "business-hours-start", recurrence: "0 8 * * MON-FRI", timeZone: "America/New_York", minSize: 4 },
    { name: "business-hours-end", recurrence: "0 20 * * MON-FRI", timeZone: "America/New_York", minSize: 2 },
    {
      name: "black-friday",
      startTime: "2026-11-27T05:00:00Z",
      endTime: "2026-11-28T05:00:00Z",
      timeZone: "UTC",
      minSize: 6,
      maxSize: 10,
    },
  ],
};
const base: TierArgs = {
  region: "us-east-1",
  tierName: "web",
  vpcId: "vpc-1",
  vpcCidr: "10.10.0.0/16",
  peers: [{ region: "eu-west-1", cidr: "10.20.0.0/16", ports: [5432, 6379] }],
  loadBalancerSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
  instanceSubnetIds: ["subnet-priv-a", "subnet-priv-b", "subnet-priv-c"],
  internal: false,
  source: { prefixListId: "pl-3b927c52" },
  certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/abc",
  accessLogBucket: "logs-bucket",
  requiredHeader: { name: "X-Origin-Verify", value: "s3cr3t" },
  volumeKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/ebs",
  userData: "#!/bin/bash\necho hi\n",
  capacity: { min: 2, max: 10, desired: 2 },
  instanceTypes: ["m7i.large", "m6i.large", "m5.large"],
  amiParameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
  onDemandBaseCapacity: 2,
  spotPercentage: 50,
  port: 8080,
  healthCheckPath: "/health",
  healthCheckGracePeriodSeconds: 300,
  deregistrationDelaySeconds: 30,
  instanceWarmupSeconds: 180,
  cooldownSeconds: 300,
  minHealthyPercentage: 90,
  managedPolicyArns: [],
  scaling,
  tags: { owner: "team" },
};
const one = (ran: Ran, type: string, name: string) => ran.one(`aws:${type}`, name);
const all = (ran: Ran, type: string) => ran.ofType(`aws:${type}`);

describe("Tier (web: internet-facing, behind CloudFront)", () => {
  let ran: Ran;
  beforeAll(async () => {
    ran = await run(() => new Tier("web", base));
  });

  test("the ALB is internet-facing, hardened and logs to S3", () => {
    const lb = one(ran, "lb/loadBalancer:LoadBalancer", "web-alb");
    expect(lb.inputs).toMatchObject({
      loadBalancerType: "application",
      internal: false,
      enableDeletionProtection: true,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      subnets: ["subnet-pub-a", "subnet-pub-b"],
      accessLogs: { bucket: "logs-bucket", prefix: "web-alb", enabled: true },
    });
  });

  test("two ALB security groups admit only CloudFront's prefix list, one on 443 and one on 80", () => {
    const lb = one(ran, "lb/loadBalancer:LoadBalancer", "web-alb");
    const https = one(ran, "ec2/securityGroup:SecurityGroup", "web-alb-https");
    const http = one(ran, "ec2/securityGroup:SecurityGroup", "web-alb-http");
    expect(lb.inputs.securityGroups).toEqual([https.id, http.id]);
    const rules = all(ran, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
      r.name.startsWith("web-alb-in"),
    );
    const byPort = [...rules].sort((a, b) => Number(b.inputs.fromPort) - Number(a.inputs.fromPort));
    expect(
      byPort.map((r) => [
        r.inputs.securityGroupId,
        r.inputs.fromPort,
        r.inputs.prefixListId,
        r.inputs.cidrIpv4,
      ]),
    ).toEqual([
      [https.id, 443, "pl-3b927c52", undefined],
      [http.id, 80, "pl-3b927c52", undefined],
    ]);
  });

  test("HTTPS listener: TLS 1.3 policy, the certificate, 403 unless the origin header matches, then forward", () => {
    const tg = one(ran, "lb/targetGroup:TargetGroup", "web-alb");
    const https = one(ran, "lb/listener:Listener", "web-alb-https");
    expect(https.inputs).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: base.certificateArn,
      defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "403" } }],
    });
    const rule = one(ran, "lb/listenerRule:ListenerRule", "web-alb-origin-verify");
    expect(rule.options.propertyDependencies.listenerArn).toEqual([https.urn]);
    expect(rule.inputs.conditions).toEqual([
      { httpHeader: { httpHeaderName: "X-Origin-Verify", values: ["s3cr3t"] } },
    ]);
    expect((rule.inputs.actions as { type: string }[])[0].type).toBe("forward");
    expect(rule.options.propertyDependencies.actions).toEqual([tg.urn]);
  });

  test("HTTP listener only redirects to HTTPS", () => {
    const http = one(ran, "lb/listener:Listener", "web-alb-http");
    expect(http.inputs.defaultActions).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
    ]);
  });

  test("target group: health check path, deregistration delay, no stickiness", () => {
    const tg = one(ran, "lb/targetGroup:TargetGroup", "web-alb");
    expect(tg.inputs).toMatchObject({
      port: 8080,
      protocol: "HTTP",
      deregistrationDelay: 30,
      stickiness: { enabled: false },
      healthCheck: { path: "/health", matcher: "200-399" },
    });
  });

  test("instances admit only the ALB's group on the traffic port; the ALB may reach only them", () => {
    const sg = one(ran, "ec2/securityGroup:SecurityGroup", "web-instances");
    const albSg = one(ran, "ec2/securityGroup:SecurityGroup", "web-alb-https");
    const ingress = all(ran, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (r) => r.inputs.securityGroupId === sg.id,
    );
    expect(ingress.map((r) => [r.inputs.fromPort, r.inputs.referencedSecurityGroupId])).toEqual([
      [8080, albSg.id],
    ]);
    const lbOut = one(ran, "vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-lb-out-targets");
    expect(lbOut.inputs).toMatchObject({
      securityGroupId: albSg.id,
      referencedSecurityGroupId: sg.id,
      fromPort: 8080,
    });
    const egress = all(ran, "vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
      (r) => r.inputs.securityGroupId === sg.id,
    );
    expect(
      egress.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort ?? null, r.inputs.cidrIpv4]).sort(),
    ).toEqual([
      ["-1", null, "10.10.0.0/16"],
      ["tcp", 443, "0.0.0.0/0"],
      ["tcp", 5432, "10.20.0.0/16"],
      ["tcp", 6379, "10.20.0.0/16"],
    ]);
  });

  test("peer egress: one rule per peer and port; the first carries the aliases of the all-traffic rule it narrows", () => {
    const rule = (n: string) => one(ran, "vpc/securityGroupEgressRule:SecurityGroupEgressRule", n);
    expect(rule("web-out-peer-eu-west-1-5432").inputs).toMatchObject({ toPort: 5432, ipProtocol: "tcp" });
    expect(rule("web-out-peer-eu-west-1-5432").options.aliases.map((u) => u.split("::").pop())).toEqual([
      "web-out-peer-eu-west-1",
      "web-out-peer0",
    ]);
    expect(rule("web-out-peer-eu-west-1-6379").options.aliases).toEqual([]);
  });

  test("launch template: SSM AMI, IMDSv2 with hop limit 1, encrypted gp3 with the KMS key, monitoring, no public IP, no key pair", () => {
    const lt = one(ran, "ec2/launchTemplate:LaunchTemplate", "web-asg");
    expect(lt.inputs).toMatchObject({
      imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      monitoring: { enabled: true },
      networkInterfaces: [
        {
          associatePublicIpAddress: "false",
          securityGroups: [one(ran, "ec2/securityGroup:SecurityGroup", "web-instances").id],
        },
      ],
      blockDeviceMappings: [
        { ebs: { volumeType: "gp3", encrypted: "true", kmsKeyId: base.volumeKmsKeyArn } },
      ],
    });
    expect(lt.inputs.keyName).toBeUndefined();
    expect(Buffer.from(String(lt.inputs.userData), "base64").toString()).toBe(base.userData);
  });

  test("the instance role has only the SSM core policy", () => {
    const attachments = all(ran, "iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachments.map((a) => a.inputs.policyArn)).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    ]);
  });

  test("group: private subnets, ELB checks, target group, mixed instances with Spot, refresh, desired ignored", () => {
    const g = one(ran, "autoscaling/group:Group", "web-asg");
    const tg = one(ran, "lb/targetGroup:TargetGroup", "web-alb");
    expect(g.inputs).toMatchObject({
      vpcZoneIdentifiers: base.instanceSubnetIds,
      minSize: 2,
      maxSize: 10,
      desiredCapacity: 2,
      healthCheckType: "ELB",
      healthCheckGracePeriod: 300,
      capacityRebalance: true,
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 90 } },
      mixedInstancesPolicy: {
        instancesDistribution: {
          onDemandBaseCapacity: 2,
          onDemandPercentageAboveBaseCapacity: 50,
          spotAllocationStrategy: "price-capacity-optimized",
        },
        launchTemplate: {
          overrides: [
            { instanceType: "m7i.large" },
            { instanceType: "m6i.large" },
            { instanceType: "m5.large" },
          ],
        },
      },
    });
    expect((g.inputs.targetGroupArns as string[])[0]).toContain(":targetgroup/");
    expect(g.options.propertyDependencies.targetGroupArns).toEqual([tg.urn]);
    expect(g.options.ignoreChanges).toEqual(["desiredCapacity"]);
    expect(g.inputs.warmPool).toBeUndefined();
  });

  test("target tracking on CPU (70%) and on requests per target, labelled with the ALB and target group", () => {
    const cpu = one(ran, "autoscaling/policy:Policy", "web-scaling-cpu");
    expect(cpu.inputs).toMatchObject({
      policyType: "TargetTrackingScaling",
      estimatedInstanceWarmup: 180,
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: 70,
      },
    });
    const req = one(ran, "autoscaling/policy:Policy", "web-scaling-requests");
    const spec = (req.inputs.targetTrackingConfiguration as Record<string, Record<string, string>>)
      .predefinedMetricSpecification;
    expect(spec.predefinedMetricType).toBe("ALBRequestCountPerTarget");
    expect(spec.resourceLabel).toMatch(
      /^app\/web-alb-[0-9a-f]+\/[0-9a-f]{16}\/targetgroup\/web-alb-[0-9a-f]+\/[0-9a-f]{16}$/,
    );
    expect((req.inputs.targetTrackingConfiguration as Record<string, number>).targetValue).toBe(1000);
  });

  test("step scaling only scales out, above the CPU target: +1 from 80%, +2 from 90%; scale-in is target tracking's", () => {
    const out = one(ran, "autoscaling/policy:Policy", "web-scaling-step-out");
    expect(out.inputs.stepAdjustments).toEqual([
      { metricIntervalLowerBound: "0", metricIntervalUpperBound: "10", scalingAdjustment: 1 },
      { metricIntervalLowerBound: "10", scalingAdjustment: 2 },
    ]);
    const high = one(ran, "cloudwatch/metricAlarm:MetricAlarm", "web-scaling-cpu-high");
    expect([high.inputs.comparisonOperator, high.inputs.threshold, high.inputs.evaluationPeriods]).toEqual([
      "GreaterThanOrEqualToThreshold",
      80,
      2,
    ]);
    expect(high.options.propertyDependencies.alarmActions).toEqual([out.urn]);
    expect(
      all(ran, "autoscaling/policy:Policy")
        .filter((p) => p.inputs.policyType === "StepScaling")
        .map((p) => p.name),
    ).toEqual(["web-scaling-step-out"]);
    expect(all(ran, "cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name)).toEqual([
      "web-scaling-cpu-high",
    ]);
  });

  test("a step threshold at or below the CPU target is refused", async () => {
    await expect(
      run(
        () =>
          new Tier("web", { ...base, scaling: { ...scaling, step: { scaleOutAt: 70, scaleOutFastAt: 90 } } }),
      ),
    ).rejects.toThrow(
      "ScalingPolicies web-scaling: expected cpuTarget < step.scaleOutAt < step.scaleOutFastAt, got 70, 70, 90 (step scaling at or below the target fights target tracking)",
    );
  });

  test("predictive scaling starts in ForecastOnly on the CPU target", () => {
    const p = one(ran, "autoscaling/policy:Policy", "web-scaling-predictive");
    expect(p.inputs.predictiveScalingConfiguration).toMatchObject({
      mode: "ForecastOnly",
      metricSpecification: {
        targetValue: 70,
        predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
      },
    });
  });

  test("scheduled actions from config; sizes the config leaves out are -1 (unchanged), never the provider's 0", () => {
    const order = ["business-hours-start", "business-hours-end", "black-friday"].map(
      (n) => `web-scaling-${n}`,
    );
    const schedules = [...all(ran, "autoscaling/schedule:Schedule")].sort(
      (a, b) => order.indexOf(a.name) - order.indexOf(b.name),
    );
    expect(
      schedules.map((s) => [
        String(s.inputs.scheduledActionName).replace(/-[0-9a-f]{8}$/, ""),
        s.inputs.recurrence ?? s.inputs.startTime,
        s.inputs.minSize,
        s.inputs.maxSize,
        s.inputs.desiredCapacity,
      ]),
    ).toEqual([
      ["business-hours-start", "0 8 * * MON-FRI", 4, -1, -1],
      ["business-hours-end", "0 20 * * MON-FRI", 2, -1, -1],
      ["black-friday", "2026-11-27T05:00:00Z", 6, 10, -1],
    ]);
    // TimeZone applies to the cron expression only: a one-off action is sent without one.
    expect(schedules.map((s) => s.inputs.timeZone)).toEqual([
      "America/New_York",
      "America/New_York",
      undefined,
    ]);
  });

  test("an edited scheduled action is replaced, deleted first: its AWS name carries a digest of its settings", () => {
    const schedules = all(ran, "autoscaling/schedule:Schedule");
    expect(schedules.map((s) => s.options.deleteBeforeReplace)).toEqual([true, true, true]);
    const start = scaling.scheduled![0];
    const named = one(ran, "autoscaling/schedule:Schedule", "web-scaling-business-hours-start");
    expect(named.inputs.scheduledActionName).toBe(scheduledActionName(start));
    expect(scheduledActionName(start)).toMatch(/^business-hours-start-[0-9a-f]{8}$/);
    // Same settings, same name (nothing to do); any edit, a new name (ForceNew in the provider).
    expect(scheduledActionName({ ...start })).toBe(scheduledActionName(start));
    for (const edit of [
      { minSize: 5 },
      { recurrence: "0 7 * * MON-FRI" },
      { timeZone: "UTC" },
      { maxSize: 8 },
      { desiredCapacity: 4 },
      { endTime: "2027-01-01T00:00:00Z" },
    ]) {
      expect(scheduledActionName({ ...start, ...edit })).not.toBe(scheduledActionName(start));
    }
    // A one-off action sends no time zone, so its name does not depend on one.
    const oneOff = scaling.scheduled![2];
    expect(scheduledActionName({ ...oneOff, timeZone: "Europe/Paris" })).toBe(scheduledActionName(oneOff));
  });

  test("every child is tagged with the tier's name and statelessness", () => {
    const g = one(ran, "autoscaling/group:Group", "web-asg");
    expect(g.inputs.tags).toEqual(
      expect.arrayContaining([{ key: "platform:tier-name", value: "web", propagateAtLaunch: true }]),
    );
    expect(one(ran, "lb/loadBalancer:LoadBalancer", "web-alb").inputs.tags).toMatchObject({
      "platform:stateless": "true",
      owner: "team",
    });
  });
});

describe("Tier variants", () => {
  test("internal app tier: admits only the given security group, forwards by default", async () => {
    const ran = await run(
      () =>
        new Tier("app", {
          ...base,
          tierName: "app",
          internal: true,
          source: { securityGroups: [{ name: "web", securityGroupId: "sg-web" }] },
          requiredHeader: undefined,
        }),
    );
    const lb = one(ran, "lb/loadBalancer:LoadBalancer", "app-alb");
    expect(lb.inputs.internal).toBe(true);
    const rules = all(ran, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
      r.name.startsWith("app-alb-in"),
    );
    expect(rules.map((r) => [r.inputs.fromPort, r.inputs.referencedSecurityGroupId]).sort()).toEqual(
      [
        [443, "sg-web"],
        [80, "sg-web"],
      ].sort(),
    );
    expect(
      (one(ran, "lb/listener:Listener", "app-alb-https").inputs.defaultActions as { type: string }[])[0].type,
    ).toBe("forward");
    expect(all(ran, "lb/listenerRule:ListenerRule")).toHaveLength(0);
  });

  test("one instance type, no Spot: a plain launch template and the warm pool", async () => {
    const ran = await run(
      () =>
        new Tier("web", {
          ...base,
          instanceTypes: ["m7i.large"],
          spotPercentage: 0,
          warmPool: { minSize: 1, state: "Stopped" },
        }),
    );
    const g = one(ran, "autoscaling/group:Group", "web-asg");
    expect(g.inputs.mixedInstancesPolicy).toBeUndefined();
    expect(g.inputs.launchTemplate).toMatchObject({ version: "1" });
    expect(g.inputs.warmPool).toEqual({
      minSize: 1,
      poolState: "Stopped",
      instanceReusePolicy: { reuseOnScaleIn: true },
    });
    expect(g.inputs.capacityRebalance).toBe(false);
  });

  test("a warm pool with Spot is refused before anything is created", async () => {
    await expect(
      run(() => new Tier("web", { ...base, warmPool: { minSize: 1, state: "Stopped" } })),
    ).rejects.toThrow(
      "AutoScalingFleet web-asg: a warm pool is not allowed with Spot or several instance types (AWS rejects it)",
    );
  });

  test("disabled policies are not created; ForecastAndScale is passed through", async () => {
    const only: TierScaling = {
      cpuTarget: 70,
      requestsPerTarget: 0,
      predictive: { mode: "ForecastAndScale" },
    };
    const ran = await run(() => new Tier("web", { ...base, scaling: only }));
    expect(
      all(ran, "autoscaling/policy:Policy")
        .map((p) => p.name)
        .sort(),
    ).toEqual(["web-scaling-cpu", "web-scaling-predictive"]);
    expect(
      (
        one(ran, "autoscaling/policy:Policy", "web-scaling-predictive").inputs
          .predictiveScalingConfiguration as { mode: string }
      ).mode,
    ).toBe("ForecastAndScale");
    expect(all(ran, "cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(0);
  });
});
