import { cloudfrontLogging } from "../../../policies/edge/cloudfront-logging";
import { cloudfrontOriginHttps } from "../../../policies/edge/cloudfront-origin-https";
import { cloudfrontS3Oac } from "../../../policies/edge/cloudfront-s3-oac";
import { cloudfrontTls } from "../../../policies/edge/cloudfront-tls";
import { cloudfrontViewerHttps } from "../../../policies/edge/cloudfront-viewer-https";
import { cloudfrontWaf } from "../../../policies/edge/cloudfront-waf";
import { cloudfrontUsEast1 } from "../../../policies/preflight/cloudfront-us-east-1";
import { originFailoverCodes } from "../../../policies/preflight/origin-failover-codes";
import { check, res } from "../../helpers/policy";

const DIST = "aws:cloudfront/distribution:Distribution";
const good = {
  webAclId: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1",
  viewerCertificate: {
    acmCertificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/c",
    sslSupportMethod: "sni-only",
    minimumProtocolVersion: "TLSv1.2_2021",
  },
  defaultCacheBehavior: { targetOriginId: "app", viewerProtocolPolicy: "redirect-to-https" },
  orderedCacheBehaviors: [
    { pathPattern: "/static/*", targetOriginId: "static", viewerProtocolPolicy: "https-only" },
  ],
  origins: [
    { originId: "static", domainName: "assets.s3.us-east-1.amazonaws.com", originAccessControlId: "oac-1" },
    {
      originId: "app",
      domainName: "origin.example.com",
      customOriginConfig: {
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
        httpPort: 80,
        httpsPort: 443,
      },
    },
  ],
  originGroups: [
    {
      originId: "g",
      failoverCriteria: { statusCodes: [500, 502, 503, 504] },
      members: [{ originId: "app" }, { originId: "app" }],
    },
  ],
  loggingConfig: { bucket: "logs.s3.amazonaws.com" },
};
const dist = (o: Record<string, unknown> = {}) => res(DIST, "cdn", { ...good, ...o });
const msgs = async (policy: Parameters<typeof check>[0], o: Record<string, unknown> = {}) =>
  (await check(policy, [dist(o)])).map((v) => v.message);

describe("edge CloudFront policies: the compliant distribution passes each", () => {
  test.each(
    [
      cloudfrontWaf,
      cloudfrontViewerHttps,
      cloudfrontTls,
      cloudfrontOriginHttps,
      cloudfrontS3Oac,
      cloudfrontLogging,
      cloudfrontUsEast1,
      originFailoverCodes,
    ].map((p) => [p.name, p]),
  )("%s", async (_n, policy) => {
    expect(await msgs(policy)).toEqual([]);
  });
});

describe("edge CloudFront policies: non-compliant distributions", () => {
  test("edge-cloudfront-waf: no web ACL", async () => {
    expect(await msgs(cloudfrontWaf, { webAclId: undefined })).toEqual([
      "Distribution has no web ACL: set webAclId to a CLOUDFRONT-scope WAFv2 web ACL.",
    ]);
  });
  test("edge-cloudfront-viewer-https: a behaviour that allows HTTP", async () => {
    expect(
      await msgs(cloudfrontViewerHttps, {
        defaultCacheBehavior: { targetOriginId: "app", viewerProtocolPolicy: "allow-all" },
      }),
    ).toEqual([
      'Cache behavior "(default)" serves HTTP (viewerProtocolPolicy = "allow-all"): use redirect-to-https or https-only.',
    ]);
  });
  test("edge-cloudfront-tls: an old minimum protocol and a dedicated-IP certificate", async () => {
    expect(
      await msgs(cloudfrontTls, {
        viewerCertificate: {
          acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/c",
          sslSupportMethod: "vip",
          minimumProtocolVersion: "TLSv1.1_2016",
        },
      }),
    ).toEqual([
      'Distribution allows "TLSv1.1_2016": use TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025.',
      'Distribution uses sslSupportMethod "vip": use "sni-only".',
    ]);
  });
  test("edge-cloudfront-origin-https: HTTP and TLS 1.0 to a custom origin", async () => {
    const origins = [
      {
        originId: "app",
        domainName: "o.example.com",
        customOriginConfig: {
          originProtocolPolicy: "match-viewer",
          originSslProtocols: ["TLSv1", "TLSv1.2"],
        },
      },
    ];
    expect(await msgs(cloudfrontOriginHttps, { origins })).toEqual([
      'Origin "app" uses "match-viewer": set originProtocolPolicy = "https-only".',
      'Origin "app" allows TLSv1: allow only TLSv1.2.',
    ]);
  });
  test("edge-cloudfront-s3-oac: an S3 origin through a legacy OAI", async () => {
    const origins = [
      {
        originId: "static",
        domainName: "assets.s3.amazonaws.com",
        s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" },
      },
    ];
    expect(await msgs(cloudfrontS3Oac, { origins })).toEqual([
      'S3 origin "static" has no originAccessControlId: reach the private bucket through Origin Access Control.',
      'S3 origin "static" uses a legacy origin access identity: replace it with Origin Access Control.',
    ]);
  });
  test("edge-cloudfront-logging: no access logs", async () => {
    expect(await msgs(cloudfrontLogging, { loggingConfig: undefined })).toEqual([
      "Distribution does not log requests: set loggingConfig.bucket to a log bucket with ACLs enabled.",
    ]);
  });
  test("preflight-cloudfront-us-east-1: a viewer certificate from eu-west-1", async () => {
    expect(
      await msgs(cloudfrontUsEast1, {
        viewerCertificate: {
          ...good.viewerCertificate,
          acmCertificateArn: "arn:aws:acm:eu-west-1:1:certificate/c",
        },
      }),
    ).toEqual(["Viewer certificate is in eu-west-1: CloudFront uses ACM certificates from us-east-1 only."]);
  });
  test("preflight-origin-failover-codes: 429 and 501", async () => {
    expect(
      await msgs(originFailoverCodes, {
        originGroups: [{ originId: "g", failoverCriteria: { statusCodes: [500, 429, 501] }, members: [] }],
      }),
    ).toEqual([
      'Origin group "g" fails over on 429, 501: CloudFront accepts only 400, 403, 404, 416, 500, 502, 503, 504.',
    ]);
  });
});
