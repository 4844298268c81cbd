import { spawn } from "node:child_process";
import { join } from "node:path";
import { platformPack } from "../../policies/pack";

describe("the platform policy pack", () => {
  test("holds every policy of every layer, with unique names, mandatory by default", () => {
    const names = platformPack.policies.map((p) => p.name);
    expect(names).toEqual([
      "network-vpc-flow-logs",
      "network-default-security-group-closed",
      "network-no-public-ip-outside-public-tier",
      "network-peering-routes-peer-cidr-only",
      "network-security-group-open-ingress",
      "network-flow-logs-all-traffic",
      "network-isolated-nacl-closed",
      "network-data-egress-not-world",
      "application-launch-template-imdsv2",
      "application-launch-template-encrypted-volumes",
      "application-launch-template-no-public-ip",
      "application-alb-access-logs",
      "application-alb-drop-invalid-headers",
      "application-alb-listener-tls",
      "application-asg-launch-template",
      "application-asg-elb-health-check",
      "application-iam-no-wildcard-write",
      "application-iam-no-admin-policies",
      "application-iam-trust-not-open",
      "application-asg-ignore-desired-capacity",
      "application-no-plaintext-credentials",
      "data-storage-encrypted-cmk",
      "data-not-public",
      "data-deletion-protection",
      "data-backup-retention",
      "data-iam-auth",
      "data-cache-transit-auth",
      "data-security-group-sources",
      "data-kms-key-rotation",
      "data-kms-key-policy-principal",
      "data-aurora-force-ssl",
      "data-proxy-tls-iam",
      "data-performance-insights-cmk",
      "data-secret-recovery-window",
      "data-stateful-protected",
      "data-tier-segmentation",
      "edge-cloudfront-waf",
      "edge-cloudfront-viewer-https",
      "edge-cloudfront-tls",
      "edge-cloudfront-origin-https",
      "edge-cloudfront-s3-oac",
      "edge-cloudfront-logging",
      "edge-waf-rules",
      "edge-waf-logging",
      "edge-s3-block-public-access",
      "edge-s3-tls-only",
      "edge-s3-encryption",
      "edge-waf-rules-enforced",
      "eks-endpoint-private",
      "eks-control-plane-logs",
      "eks-secrets-encryption",
      "eks-version-supported",
      "eks-authentication-mode",
      "eks-nodeclass-imdsv2",
      "eks-nodeclass-encrypted-volumes",
      "eks-interruption-queue-encrypted",
      "events-sqs-encrypted-cmk",
      "events-sns-encrypted-cmk",
      "events-sqs-redrive",
      "events-resource-policy-source",
      "events-state-machine-logging",
      "events-state-machine-tracing",
      "events-bus-archive",
      "observability-log-group-retention",
      "observability-log-group-kms",
      "observability-alarm-actions",
      "observability-log-group-retention-floor",
      "observability-required-tags",
      "cost-instance-type-allowlist",
      "cost-asg-max-size",
      "cost-spot-share",
      "cost-nodepool-limits",
      "cost-stack-budget",
      "cost-standby-share",
      "cost-nat-gateways-by-posture",
      "cost-scheduled-action-ceiling",
      "preflight-global-secondary-inherited",
      "preflight-global-instance-classes",
      "preflight-kms-key-region",
      "preflight-global-ignore-changes",
      "preflight-cloudfront-us-east-1",
      "preflight-origin-failover-codes",
      "preflight-service-role-confused-deputy",
      "preflight-global-datastore-member-drift",
      "preflight-aurora-autoscaling-secondary",
      "preflight-aurora-secondary-credentials",
      "preflight-proxy-read-only-endpoint",
      "preflight-proxy-reader-instances",
      "preflight-proxy-egress-to-target",
      "preflight-security-group-descriptions",
      "preflight-key-policy-service-linked-roles",
      "preflight-cloudfront-logging-acls",
      "preflight-step-scaling-above-target",
      "preflight-karpenter-compatibility",
      "preflight-karpenter-node-access-entry",
      "preflight-karpenter-pass-node-role",
      "preflight-karpenter-crds-first",
      "preflight-karpenter-bounded-teardown",
      "preflight-iam-policy-size",
      "preflight-secret-replica-local",
      "preflight-fifo-messaging",
      "preflight-event-endpoint",
      "preflight-alarm-actions-region",
      "preflight-metric-math-alarm-limits",
      "preflight-route53-alarm-health-check",
      "preflight-encrypted-topic-publishers",
      "preflight-eks-private-endpoint-reachable",
    ]);
    for (const p of platformPack.policies)
      expect(p.name.split("-")[0]).toMatch(
        /^(network|application|data|edge|eks|events|observability|cost|preflight)$/,
      );
    expect(new Set(names).size).toBe(names.length);
    expect(platformPack.enforcementLevel).toBe("mandatory");
  });

  test("its CLI entry starts and serves the analyzer, printing its port as the Pulumi CLI expects", async () => {
    const dir = join(__dirname, "..", "..", "policies");
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], {
      cwd: dir,
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(firstLine).toMatch(/^\d{2,5}$/);
    } finally {
      child.kill();
    }
  });
});
