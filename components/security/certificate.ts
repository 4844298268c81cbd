import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link DnsValidatedCertificate}. */
export interface DnsValidatedCertificateArgs {
  /** The certificate's main name, e.g. "origin.shop.example.com". */
  readonly domainName: string;
  /** Further names on the certificate. @default [] */
  readonly subjectAlternativeNames?: readonly string[];
  /** The Route 53 public hosted zone that validates the names. */
  readonly hostedZoneId: string;
  /**
   * The names whose validation records this certificate writes. ACM uses one validation record
   * per name and account, so when two stacks' certificates share a name, exactly one stack (the
   * one applied first) must own that record and the other lists only its own names.
   * @default every name on the certificate
   */
  readonly validationRecordNames?: readonly string[];
  /** The region to issue the certificate in (the load balancer's; CloudFront needs us-east-1). */
  readonly region: string;
  /** Tags for the certificate. @default {} */
  readonly tags?: Tags;
}

/** An ACM certificate validated through DNS records in a Route 53 hosted zone. */
export class DnsValidatedCertificate extends pulumi.ComponentResource {
  readonly certificate: aws.acm.Certificate;
  /** The ARN, available once the certificate is issued (use it in listeners and distributions). */
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: DnsValidatedCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:DnsValidatedCertificate", name, {}, opts);
    const child = { parent: this };
    const names = [args.domainName, ...(args.subjectAlternativeNames ?? [])];
    const region = args.region;
    this.certificate = new aws.acm.Certificate(
      name,
      {
        region,
        domainName: args.domainName,
        subjectAlternativeNames: args.subjectAlternativeNames ? [...args.subjectAlternativeNames] : undefined,
        validationMethod: "DNS",
        keyAlgorithm: "RSA_2048",
        tags: tagsFor(args.tags, name),
      },
      child,
    );
    const recordNames = args.validationRecordNames ?? names;
    for (const n of recordNames) {
      if (!names.includes(n))
        throw new Error(`DnsValidatedCertificate ${name}: "${n}" is not a name on the certificate`);
    }
    const records = recordNames.map((n) => {
      // Unknown until ACM answers; once known, a missing name is a real error.
      type Option = {
        resourceRecordName?: string;
        resourceRecordType?: string;
        resourceRecordValue?: string;
      };
      const option = this.certificate.domainValidationOptions.apply((opts): Option => {
        if (opts === undefined) return {};
        const o = opts.find((x) => x.domainName === n);
        if (!o) throw new Error(`certificate ${name} has no validation option for ${n}`);
        return o;
      });
      return new aws.route53.Record(
        `${name}-validation-${n.split(".")[0]}`,
        {
          zoneId: args.hostedZoneId,
          name: option.apply((o) => o.resourceRecordName ?? ""),
          type: option.apply((o) => o.resourceRecordType ?? "CNAME"),
          records: [option.apply((o) => o.resourceRecordValue ?? "")],
          ttl: 300,
        },
        child,
      );
    });
    const validation = new aws.acm.CertificateValidation(
      name,
      { region, certificateArn: this.certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
      child,
    );
    this.arn = validation.certificateArn;
    this.registerOutputs({ arn: this.arn });
  }
}
