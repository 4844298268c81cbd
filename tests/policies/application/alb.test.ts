import { albAccessLogs } from "../../../policies/application/alb-access-logs";
import { albDropInvalidHeaders } from "../../../policies/application/alb-drop-invalid-headers";
import { albListenerTls } from "../../../policies/application/alb-listener-tls";
import { check, res } from "../../helpers/policy";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const good = {
  loadBalancerType: "application",
  dropInvalidHeaderFields: true,
  desyncMitigationMode: "strictest",
  accessLogs: { bucket: "logs", enabled: true },
};
const lb = (inputs: Record<string, unknown>) => res(LB, "alb", { ...good, ...inputs });
const messages = async (policy: Parameters<typeof check>[0], ...resources: ReturnType<typeof res>[]) =>
  (await check(policy, resources)).map((v) => v.message);

describe("application-alb-access-logs", () => {
  test("compliant: logs enabled to a bucket; network load balancers are out of scope", async () => {
    expect(await messages(albAccessLogs, lb({}), res(LB, "nlb", { loadBalancerType: "network" }))).toEqual(
      [],
    );
  });
  test("non-compliant: no access logs", async () => {
    expect(await messages(albAccessLogs, lb({ accessLogs: { bucket: "logs", enabled: false } }))).toEqual([
      "Application load balancer does not log access: set accessLogs = { bucket, enabled: true }.",
    ]);
  });
});

describe("application-alb-drop-invalid-headers", () => {
  test("compliant: drops invalid headers, strictest desync mitigation", async () => {
    expect(await messages(albDropInvalidHeaders, lb({}))).toEqual([]);
  });
  test("non-compliant: forwards invalid headers and only monitors desync", async () => {
    expect(
      await messages(
        albDropInvalidHeaders,
        lb({ dropInvalidHeaderFields: false, desyncMitigationMode: "monitor" }),
      ),
    ).toEqual([
      "Application load balancer forwards invalid header fields: set dropInvalidHeaderFields = true.",
      'Application load balancer only monitors HTTP desync: set desyncMitigationMode to "defensive" or "strictest".',
    ]);
  });
});

describe("application-alb-listener-tls", () => {
  const https = (sslPolicy?: string) =>
    res(LISTENER, `https-${sslPolicy ?? "default"}`, { protocol: "HTTPS", port: 443, sslPolicy });
  const http = (defaultActions: unknown[]) =>
    res(LISTENER, "http", { protocol: "HTTP", port: 80, defaultActions });
  test("compliant: TLS 1.3/1.2 policies and an HTTP listener that only redirects", async () => {
    expect(
      await messages(
        albListenerTls,
        https("ELBSecurityPolicy-TLS13-1-2-2021-06"),
        https("ELBSecurityPolicy-TLS13-1-3-2021-06"),
        https("ELBSecurityPolicy-TLS-1-2-Ext-2018-06"),
        http([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]),
      ),
    ).toEqual([]);
  });
  test("non-compliant: the default policy, a TLS 1.0 policy and an HTTP listener that forwards", async () => {
    expect(
      await messages(
        albListenerTls,
        https(undefined),
        https("ELBSecurityPolicy-2016-08"),
        http([{ type: "forward", targetGroupArn: "tg" }]),
      ),
    ).toEqual([
      'HTTPS listener uses security policy "ELBSecurityPolicy-2016-08 (the default)", which allows TLS below 1.2: use ELBSecurityPolicy-TLS13-1-2-2021-06 or stricter.',
      'HTTPS listener uses security policy "ELBSecurityPolicy-2016-08", which allows TLS below 1.2: use ELBSecurityPolicy-TLS13-1-2-2021-06 or stricter.',
      "HTTP listener serves traffic instead of redirecting to HTTPS: its only default action must redirect with protocol HTTPS.",
    ]);
  });
});
