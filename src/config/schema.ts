/**
 * The typed schema of a stack's config (namespace `platform:`), written with zod.
 *
 * Every field's error message says what is allowed; `validate.ts` prefixes it with the key and
 * the value found. Default values come from `defaults.ts`.
 */
import { z } from "zod";
import { quotedList as list } from "./messages";
import { KNOWN_REGIONS } from "./regions";
import { parseCidr, isRfc1918 } from "./cidr";
import { POSTURES, tiersSchema } from "./tiers";
import { dataSchema } from "./data";
import { edgeSchema } from "./edge";
import { DEFAULT_PROTECT, NETWORK_DEFAULTS } from "./defaults";

export const NAMESPACE = "platform";

export const ROLES = ["primary", "secondary"] as const;
export const NAT_STRATEGIES = ["one-per-az", "single", "none"] as const;

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Interface endpoint services that may be listed in `network.interfaceEndpoints`. */
export const INTERFACE_ENDPOINT_SERVICES = [
  "autoscaling",
  "ec2",
  "ec2messages",
  "ecr.api",
  "ecr.dkr",
  "eks",
  "eks-auth",
  "elasticloadbalancing",
  "events",
  "kms",
  "logs",
  "monitoring",
  "secretsmanager",
  "sns",
  "sqs",
  "ssm",
  "ssmmessages",
  "states",
  "sts",
] as const;

/** VPC prefix lengths the subnet layout supports (see components/network/layout.ts). */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 20;
export const MAX_AZS = 6;

const VPC_CIDR_ALLOWED = `expected an RFC 1918 IPv4 network address "a.b.c.d/n" with no host bits set and n from ${VPC_PREFIX_MIN} to ${VPC_PREFIX_MAX}`;

const vpcCidr = z.string({ error: VPC_CIDR_ALLOWED }).refine(
  (s) => {
    const c = parseCidr(s);
    return c !== undefined && c.prefix >= VPC_PREFIX_MIN && c.prefix <= VPC_PREFIX_MAX && isRfc1918(c);
  },
  { error: `is not a valid VPC CIDR: ${VPC_CIDR_ALLOWED}` },
);

const region = z.enum(KNOWN_REGIONS as [string, ...string[]], {
  error: `is not a known AWS region: expected one of ${list(KNOWN_REGIONS)}`,
});

const stackName = z.string({ error: "expected a stack name" }).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, {
  error: 'is not a valid stack name: expected letters, digits, ".", "_", "-" or "/" (at most 100)',
});

export const TAG_KEY_RE = /^(?!aws:)[\p{L}\p{N}\s_.:/=+\-@]{1,128}$/u;
const tagValue = /^[\p{L}\p{N}\s_.:/=+\-@]{0,256}$/u;
const tagValueSchema = z.string({ error: "expected a string tag value" }).regex(tagValue, {
  error: "is not a valid tag value: at most 256 letters, digits, spaces and _.:/=+-@",
});

export const networkSchema = z.strictObject(
  {
    cidr: vpcCidr,
    availabilityZones: z
      .array(z.string({ error: "expected an Availability Zone name" }), {
        error: "expected a list of Availability Zone names",
      })
      .min(2, { error: "has fewer than 2 Availability Zones: expected 2 to 6 zones of the stack's region" })
      .max(MAX_AZS, { error: `has more than ${MAX_AZS} Availability Zones: expected 2 to ${MAX_AZS}` }),
    natStrategy: z
      .enum(NAT_STRATEGIES, { error: `is not a NAT strategy: expected one of ${list(NAT_STRATEGIES)}` })
      .default(NETWORK_DEFAULTS.natStrategy),
    interfaceEndpoints: z
      .array(
        z.enum(INTERFACE_ENDPOINT_SERVICES, {
          error: `is not a supported interface endpoint: expected one of ${list(INTERFACE_ENDPOINT_SERVICES)}`,
        }),
        { error: "expected a list of interface endpoint service names" },
      )
      .default(() => [...NETWORK_DEFAULTS.interfaceEndpoints]),
    flowLogRetentionDays: z
      .union(
        LOG_RETENTION_DAYS.map((d) => z.literal(d)),
        { error: `is not a CloudWatch Logs retention period: expected one of ${list(LOG_RETENTION_DAYS)}` },
      )
      .default(NETWORK_DEFAULTS.flowLogRetentionDays),
  },
  {
    error:
      "expected an object with cidr, availabilityZones and optional natStrategy, interfaceEndpoints, flowLogRetentionDays",
  },
);

export const peerSchema = z.strictObject(
  {
    stack: stackName,
    region,
    cidr: vpcCidr,
    role: z.enum(ROLES, { error: `is not a role: expected one of ${list(ROLES)}` }),
  },
  { error: "expected an object with stack, region, cidr and role" },
);

export const tagsSchema = z
  .object(
    {
      owner: z
        .string({ error: "expected the owning team's name (a non-empty tag value)" })
        .regex(/^[\p{L}\p{N}\s_.:/=+\-@]{1,256}$/u, {
          error: "is not a valid owner tag: expected 1 to 256 letters, digits, spaces and _.:/=+-@",
        }),
      "cost-center": z
        .string({ error: "expected the cost center to bill (a non-empty tag value)" })
        .regex(/^[\p{L}\p{N}\s_.:/=+\-@]{1,256}$/u, {
          error: "is not a valid cost-center tag: expected 1 to 256 letters, digits, spaces and _.:/=+-@",
        }),
    },
    { error: "expected an object of tag names to values, with owner and cost-center" },
  )
  .catchall(tagValueSchema);

/** Top-level keys of the `platform:` namespace. */
export const stackConfigSchema = z.strictObject({
  role: z.enum(ROLES, { error: `is not a role: expected one of ${list(ROLES)}` }),
  environment: z.string({ error: "expected a string" }).regex(/^[a-z][a-z0-9-]{1,15}$/, {
    error:
      "is not a valid environment name: expected 2 to 16 lower-case letters, digits or '-', starting with a letter",
  }),
  accountId: z
    .string({ error: "expected the 12-digit AWS account ID as a quoted string" })
    .regex(/^\d{12}$/, { error: "is not an AWS account ID: expected exactly 12 digits" }),
  protect: z.boolean({ error: "expected true or false" }).default(DEFAULT_PROTECT),
  network: networkSchema,
  peers: z.array(peerSchema, { error: "expected a list of peer stacks" }).default([]),
  tags: tagsSchema,
  dns: z.strictObject(
    {
      domain: z
        .string({ error: 'expected the platform\'s DNS domain, e.g. "shop.example.com"' })
        .regex(/^(?=.{4,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
          error: 'is not a DNS domain: expected lower-case labels separated by dots, e.g. "shop.example.com"',
        }),
      zoneName: z
        .string({ error: 'expected the hosted zone\'s own name, e.g. "example.com"' })
        .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
          error: "is not a DNS name: expected lower-case labels separated by dots",
        }),
      hostedZoneId: z
        .string({ error: "expected the Route 53 public hosted zone ID of the domain" })
        .regex(/^Z[A-Z0-9]{4,32}$/, {
          error: 'is not a Route 53 hosted zone ID: expected "Z" and upper-case letters or digits',
        }),
    },
    { error: "expected an object with domain, zoneName and hostedZoneId" },
  ),
  cloudfrontPrefixListId: z
    .string({
      error:
        "expected the region's ID of the AWS-managed prefix list com.amazonaws.global.cloudfront.origin-facing",
    })
    .regex(/^pl-[0-9a-f]{8,17}$/, {
      error: 'is not a prefix list ID: expected "pl-" and 8 to 17 hex digits',
    }),
  posture: z.enum(POSTURES, { error: `is not a posture: expected one of ${list(POSTURES)}` }).optional(),
  tiers: tiersSchema,
  data: dataSchema,
  edge: edgeSchema,
});

/** Keys of the `platform:` namespace whose YAML values are plain strings (not JSON). */
export const STRING_KEYS: ReadonlySet<string> = new Set([
  "role",
  "environment",
  "accountId",
  "cloudfrontPrefixListId",
  "posture",
]);

export type Role = (typeof ROLES)[number];
export type NatStrategy = (typeof NAT_STRATEGIES)[number];
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];
export type ParsedStackConfig = z.output<typeof stackConfigSchema>;

/** Namespaces a stack file may use: ours, the AWS provider's settings and Pulumi's own. */
export const KNOWN_NAMESPACES: readonly string[] = [NAMESPACE, "aws", "pulumi"];
