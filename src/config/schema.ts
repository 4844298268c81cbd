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
import { eksSchema } from "./eks";
import { pipelineSchema } from "./pipeline";
import { observabilitySchema } from "./observability";
import { failoverSchema } from "./failover";
import { LOG_RETENTION_DAYS } from "./log-retention";
import { DEFAULT_PROTECT, NETWORK_DEFAULTS } from "./defaults";

export const NAMESPACE = "platform";

export const ROLES = ["primary", "secondary"] as const;
export const NAT_STRATEGIES = ["one-per-az", "single", "none"] as const;

export { LOG_RETENTION_DAYS } from "./log-retention";

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

/**
 * `aws:region`, the one key outside the `platform:` namespace the program requires. Validation
 * reports it with its own messages (`validate.ts`); this schema documents it and types it in the
 * generated JSON Schema of the stack files.
 */
export const awsRegionSchema = region.meta({
  description:
    "The AWS region the stack deploys to: a region of `src/config/regions.ts`, which knows each region's Availability Zones.",
});

const stackName = z.string({ error: "expected a stack name" }).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, {
  error: 'is not a valid stack name: expected letters, digits, ".", "_", "-" or "/" (at most 100)',
});

/**
 * A tag key the platform accepts in `platform:tags`. The tags land on the tiers' instances, whose
 * launch template enables instance metadata tags (stacks/userdata/web.sh reads one), and then EC2
 * allows in instance tag keys only letters a-z and A-Z, digits and `+ - = . , _ : @`, no spaces or
 * `/`, and not a key that is only `.`, `..` or `_index`: any other key fails the instance's launch
 * (EC2 user guide, "View tags for your EC2 instances using instance metadata"). `aws:` in any case
 * is reserved to AWS (EC2 user guide, "Tag restrictions").
 */
export const TAG_KEY_RE = /^(?![aA][wW][sS]:)(?!(?:\.|\.\.|_index)$)[A-Za-z0-9+\-=.,_:@]{1,128}$/;
/** What {@link TAG_KEY_RE} allows, for messages and docs. */
export const TAG_KEY_ALLOWED =
  'expected 1 to 128 letters a-z and A-Z, digits and +-=.,_:@ (no spaces or "/"), not only ".", ".." or "_index", not starting with "aws:" (EC2 refuses to launch an instance whose tag key breaks these rules when instance metadata tags are on, as on the tiers\' instances)';
const tagValue = /^[\p{L}\p{N}\s_.:/=+\-@]{0,256}$/u;
const tagValueSchema = z.string({ error: "expected a string tag value" }).regex(tagValue, {
  error: "is not a valid tag value: at most 256 letters, digits, spaces and _.:/=+-@",
});

export const networkSchema = z.strictObject(
  {
    cidr: vpcCidr.meta({
      description:
        "The VPC's IPv4 CIDR: an RFC 1918 network address with no host bits set, /16 to /20 (e.g. `10.10.0.0/16`). Must not overlap any peer's.",
    }),
    availabilityZones: z
      .array(z.string({ error: "expected an Availability Zone name" }), {
        error: "expected a list of Availability Zone names",
      })
      .min(2, { error: "has fewer than 2 Availability Zones: expected 2 to 6 zones of the stack's region" })
      .max(MAX_AZS, { error: `has more than ${MAX_AZS} Availability Zones: expected 2 to ${MAX_AZS}` })
      .meta({
        description:
          "Zones of the stack's region, each once (e.g. `us-east-1a`). Append only: adding a zone adds subnets without moving existing ones (see docs/architecture.md).",
      }),
    natStrategy: z
      .enum(NAT_STRATEGIES, { error: `is not a NAT strategy: expected one of ${list(NAT_STRATEGIES)}` })
      .default(NETWORK_DEFAULTS.natStrategy)
      .meta({
        description:
          "`one-per-az`: zone-independent egress; `single`: one NAT gateway (cheaper, but one zone's failure cuts egress); `none`: no internet egress from the private tier.",
      }),
    interfaceEndpoints: z
      .array(
        z.enum(INTERFACE_ENDPOINT_SERVICES, {
          error: `is not a supported interface endpoint: expected one of ${list(INTERFACE_ENDPOINT_SERVICES)}`,
        }),
        { error: "expected a list of interface endpoint service names" },
      )
      .default(() => [...NETWORK_DEFAULTS.interfaceEndpoints])
      .meta({
        description:
          "Interface VPC endpoints to create. S3 and DynamoDB gateway endpoints are always created (free, and they keep that traffic off NAT).",
      }),
    flowLogRetentionDays: z
      .union(
        LOG_RETENTION_DAYS.map((d) => z.literal(d)),
        { error: `is not a CloudWatch Logs retention period: expected one of ${list(LOG_RETENTION_DAYS)}` },
      )
      .default(NETWORK_DEFAULTS.flowLogRetentionDays)
      .meta({ description: "Days the VPC flow logs are kept: a retention period CloudWatch Logs offers." }),
  },
  {
    error:
      "expected an object with cidr, availabilityZones and optional natStrategy, interfaceEndpoints, flowLogRetentionDays",
  },
);

export const peerSchema = z.strictObject(
  {
    stack: stackName.meta({
      description:
        "The peer's stack name; resolved to `<org>/<project>/<stack>` for the StackReference unless it already contains `/`.",
    }),
    region: region.meta({
      description: "The peer's region; not this stack's region.",
      allowedText: "a region `aws:region` allows",
    }),
    cidr: vpcCidr.meta({
      description: "The peer's VPC CIDR; must not overlap this stack's or another peer's.",
    }),
    role: z
      .enum(ROLES, { error: `is not a role: expected one of ${list(ROLES)}` })
      .meta({ description: "The peer's role: a secondary lists exactly one `primary` peer." }),
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
        })
        .meta({ description: "The owning team." }),
      "cost-center": z
        .string({ error: "expected the cost center to bill (a non-empty tag value)" })
        .regex(/^[\p{L}\p{N}\s_.:/=+\-@]{1,256}$/u, {
          error: "is not a valid cost-center tag: expected 1 to 256 letters, digits, spaces and _.:/=+-@",
        })
        .meta({ description: "The cost center to bill." }),
    },
    { error: "expected an object of tag names to values, with owner and cost-center" },
  )
  .catchall(
    tagValueSchema.meta({
      description:
        "Any other tag: a name of 1 to 128 letters `a-z` `A-Z`, digits and `+-=.,_:@` (no spaces or `/`, not only `.`, `..` or `_index`, not starting with `aws:`: the instances expose their tags in instance metadata, where EC2 refuses other keys), and a value of up to 256 letters, digits, spaces and `_.:/=+-@`.",
    }),
  );

/** Top-level keys of the `platform:` namespace. */
export const stackConfigSchema = z.strictObject({
  role: z.enum(ROLES, { error: `is not a role: expected one of ${list(ROLES)}` }).meta({
    description:
      "`primary` owns the platform's global objects and is applied first; a `secondary` joins them. Exactly one stack of the platform is primary.",
  }),
  environment: z
    .string({ error: "expected a string" })
    .regex(/^[a-z][a-z0-9-]{1,15}$/, {
      error:
        "is not a valid environment name: expected 2 to 16 lower-case letters, digits or '-', starting with a letter",
    })
    .meta({
      description:
        "The environment, e.g. `prod`: 2 to 16 lower-case letters, digits or `-`, starting with a letter. Prefixes every logical name (`prod-use1-...`) and sets the `environment` tag.",
    }),
  accountId: z
    .string({ error: "expected the 12-digit AWS account ID as a quoted string" })
    .regex(/^\d{12}$/, { error: "is not an AWS account ID: expected exactly 12 digits" })
    .meta({
      description:
        'The 12-digit AWS account ID, quoted in YAML (`"111122223333"`). Used in key policies and as the peer owner of peering connections, so no provider call is needed at preview.',
    }),
  protect: z
    .boolean({ error: "expected true or false" })
    .default(DEFAULT_PROTECT)
    .meta({ description: "Sets Pulumi's `protect` on every stateful resource of the stack." }),
  network: networkSchema.meta({
    description: "The stack's VPC: its CIDR, Availability Zones, NAT and VPC endpoints.",
  }),
  peers: z.array(peerSchema, { error: "expected a list of peer stacks" }).default([]).meta({
    description:
      "The stacks applied before this one. This stack peers its VPC with each of them and owns the whole peering.",
  }),
  tags: tagsSchema.meta({
    description:
      "Tags for every taggable resource: `owner` and `cost-center`, plus free tags (at most 40). `environment` is set from `platform:environment`.",
  }),
  dns: z
    .strictObject(
      {
        domain: z
          .string({ error: 'expected the platform\'s DNS domain, e.g. "shop.example.com"' })
          .regex(/^(?=.{4,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
            error:
              'is not a DNS domain: expected lower-case labels separated by dots, e.g. "shop.example.com"',
          })
          .meta({
            description:
              "The platform's DNS domain, e.g. `shop.example.com`: the `zoneName` or a name under it. Host names derive from it.",
          }),
        zoneName: z
          .string({ error: 'expected the hosted zone\'s own name, e.g. "example.com"' })
          .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
            error: "is not a DNS name: expected lower-case labels separated by dots",
          })
          .meta({
            description:
              "The Route 53 public hosted zone's own name, e.g. `example.com`: the `domain` or a parent of it. Records are written and certificates validated in that zone.",
          }),
        hostedZoneId: z
          .string({ error: "expected the Route 53 public hosted zone ID of the domain" })
          .regex(/^Z[A-Z0-9]{4,32}$/, {
            error: 'is not a Route 53 hosted zone ID: expected "Z" and upper-case letters or digits',
          })
          .meta({
            description: "The ID of that hosted zone (`Z...`); certificates are DNS-validated in it.",
          }),
      },
      { error: "expected an object with domain, zoneName and hostedZoneId" },
    )
    .meta({ description: "The platform's DNS domain and its Route 53 public hosted zone." }),
  cloudfrontPrefixListId: z
    .string({
      error:
        "expected the region's ID of the AWS-managed prefix list com.amazonaws.global.cloudfront.origin-facing",
    })
    .regex(/^pl-[0-9a-f]{8,17}$/, {
      error: 'is not a prefix list ID: expected "pl-" and 8 to 17 hex digits',
    })
    .meta({
      description:
        "This region's ID of the AWS-managed prefix list `com.amazonaws.global.cloudfront.origin-facing` (the ID differs per region). The web load balancer admits only this list.",
    }),
  posture: z
    .enum(POSTURES, { error: `is not a posture: expected one of ${list(POSTURES)}` })
    .optional()
    .meta({
      description:
        "How much capacity this region runs: `active`, `warm-standby` (one instance per tier) or `pilot-light` (none). The primary must be `active`.",
      defaultText: "`active` on the primary, `warm-standby` on secondaries",
    }),
  tiers: tiersSchema.meta({
    description: "The web and app tiers: Auto Scaling groups behind their load balancers, and their scaling.",
  }),
  data: dataSchema.meta({ description: "The Aurora global database and the ElastiCache global datastore." }),
  edge: edgeSchema.meta({
    description:
      "Route 53 health checks and failover records in every stack; CloudFront and its WAF on the primary.",
  }),
  eks: eksSchema.meta({
    description:
      "The region's private EKS cluster, its managed add-ons and system nodes, and Karpenter with its NodePools.",
  }),
  pipeline: pipelineSchema.prefault({}).meta({
    description:
      "The order pipeline: the order event bus and its archive, the fan-out topic and one queue per consumer, the order-fulfilment workflow, and the EventBridge global endpoint (docs/architecture.md, Order pipeline).",
  }),
  observability: observabilitySchema.prefault({}).meta({
    description:
      "The region's CloudWatch dashboard and alarms: thresholds, the Aurora RPO, the critical and warning topics' subscriptions, and on the primary the account's cost anomaly monitor.",
  }),
  failover: failoverSchema.prefault({}).meta({
    description:
      "Failover and drills: where the writer should be, a drill of this region, the data-loss mode, the lag a switchover tolerates, an RTO target and the platform-wide failover order (docs/failover.md).",
  }),
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
