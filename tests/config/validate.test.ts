import * as fc from "fast-check";
import { ConfigError, validateStackConfig } from "../../src/config";
import { problemsOf, rawConfig, stackValues, withOverrides } from "../helpers/config";

/** What a tag name may be (src/config/schema.ts TAG_KEY_ALLOWED), pinned here as the message says it. */
const TAG_KEY_ALLOWED_TEXT =
  'expected 1 to 128 letters a-z and A-Z, digits and +-=.,_:@ (no spaces or "/"), not only ".", ".." or "_index", not starting with "aws:" (EC2 refuses to launch an instance whose tag key breaks these rules when instance metadata tags are on, as on the tiers\' instances)';

const network = (stack: string, o: object) => ({
  ...(stackValues(stack)["platform:network"] as object),
  ...o,
});

describe("validateStackConfig: the project's stack files", () => {
  test.each(["us-east-1", "eu-west-1"])("%s is valid and frozen", (stack) => {
    const cfg = validateStackConfig(withOverrides(stack, {}));
    expect(cfg.region).toBe(stack);
    expect(cfg.network.availabilityZones).toHaveLength(3);
    expect(cfg.protect).toBe(true);
    expect(cfg.tags).toMatchObject({ owner: "platform-team", "cost-center": "cc-1042", environment: "prod" });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.network.availabilityZones)).toBe(true);
  });

  test("the primary and the secondary have the roles and CIDRs the design names", () => {
    const primary = validateStackConfig(withOverrides("us-east-1", {}));
    const secondary = validateStackConfig(withOverrides("eu-west-1", {}));
    expect([primary.role, primary.network.cidr]).toEqual(["primary", "10.10.0.0/16"]);
    expect([secondary.role, secondary.network.cidr]).toEqual(["secondary", "10.20.0.0/16"]);
    expect(secondary.peers).toEqual([
      { stack: "us-east-1", region: "us-east-1", cidr: "10.10.0.0/16", role: "primary" },
    ]);
  });

  test("defaults fill optional keys", () => {
    const cfg = validateStackConfig(
      withOverrides("us-east-1", {
        "platform:protect": undefined,
        "platform:network": { cidr: "10.10.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
      }),
    );
    expect(cfg.protect).toBe(true);
    expect(cfg.network.natStrategy).toBe("one-per-az");
    expect(cfg.network.flowLogRetentionDays).toBe(365);
    expect(cfg.network.interfaceEndpoints).toEqual([
      "ssm",
      "ssmmessages",
      "ec2messages",
      "sts",
      "logs",
      "kms",
    ]);
  });
});

const REGIONS =
  "us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, ca-west-1, mx-central-1, sa-east-1, eu-west-1, " +
  "eu-west-2, eu-west-3, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, il-central-1, " +
  "me-south-1, me-central-1, af-south-1, ap-east-1, ap-south-1, ap-south-2, ap-northeast-1, ap-northeast-2, " +
  "ap-northeast-3, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-7";
const CIDR_ALLOWED =
  'expected an RFC 1918 IPv4 network address "a.b.c.d/n" with no host bits set and n from 16 to 20';

describe("validateStackConfig: each bad input gets its exact message", () => {
  const cases: [string, string, Record<string, unknown>, string[]][] = [
    [
      "unknown key",
      "us-east-1",
      { "platform:colour": "blue" },
      [
        'platform:colour = "blue" is not a known key: expected only role, environment, accountId, protect, network, peers, tags, dns, cloudfrontPrefixListId, posture, tiers, data, edge, eks, pipeline, observability, failover',
      ],
    ],
    [
      "a retired key says what replaced it",
      "us-east-1",
      {
        "platform:data": {
          ...(stackValues("us-east-1")["platform:data"] as object),
          secretReplicaRegions: ["eu-west-1"],
        },
      },
      [
        'platform:data.secretReplicaRegions = ["eu-west-1"] is not a known key: expected only aurora, cache ' +
          "(retired: each secondary stack now replicates the primary's secrets into its own region " +
          '(docs/architecture.md, "Credentials in every region"); delete this key)',
      ],
    ],
    [
      "unknown nested key",
      "us-east-1",
      { "platform:network": network("us-east-1", { ipv6: true }) },
      [
        "platform:network.ipv6 = true is not a known key: expected only cidr, availabilityZones, natStrategy, interfaceEndpoints, flowLogRetentionDays",
      ],
    ],
    [
      "unknown namespace",
      "us-east-1",
      { "gcp:project": "x" },
      [
        'gcp:project = "x" is not a known key: expected keys under "platform:" (see docs/config.md) or provider settings under "aws:", "pulumi:"',
      ],
    ],
    [
      "missing key",
      "us-east-1",
      { "platform:role": undefined },
      ['platform:role is missing: expected one of "primary", "secondary"'],
    ],
    [
      "missing object",
      "us-east-1",
      { "platform:network": undefined },
      [
        "platform:network is missing: expected an object with cidr, availabilityZones and optional natStrategy, interfaceEndpoints, flowLogRetentionDays",
      ],
    ],
    [
      "missing region",
      "us-east-1",
      { "aws:region": undefined },
      [`aws:region is missing: expected one of ${REGIONS}`],
    ],
    [
      "invalid region",
      "us-east-1",
      { "aws:region": "us-east-9" },
      [`aws:region = "us-east-9" is not a known AWS region: expected one of ${REGIONS}`],
    ],
    [
      "invalid role",
      "us-east-1",
      { "platform:role": "leader" },
      ['platform:role = "leader" is not a role: expected one of "primary", "secondary"'],
    ],
    [
      "CIDR prefix out of range",
      "us-east-1",
      { "platform:network": network("us-east-1", { cidr: "10.10.0.0/33" }) },
      [`platform:network.cidr = "10.10.0.0/33" is not a valid VPC CIDR: ${CIDR_ALLOWED}`],
    ],
    [
      "CIDR with host bits",
      "us-east-1",
      { "platform:network": network("us-east-1", { cidr: "10.10.1.0/16" }) },
      [`platform:network.cidr = "10.10.1.0/16" is not a valid VPC CIDR: ${CIDR_ALLOWED}`],
    ],
    [
      "CIDR with a leading zero",
      "us-east-1",
      { "platform:network": network("us-east-1", { cidr: "010.10.0.0/16" }) },
      [`platform:network.cidr = "010.10.0.0/16" is not a valid VPC CIDR: ${CIDR_ALLOWED}`],
    ],
    [
      "public CIDR",
      "us-east-1",
      { "platform:network": network("us-east-1", { cidr: "8.8.0.0/16" }) },
      [`platform:network.cidr = "8.8.0.0/16" is not a valid VPC CIDR: ${CIDR_ALLOWED}`],
    ],
    [
      "CIDR too large for the layout",
      "us-east-1",
      { "platform:network": network("us-east-1", { cidr: "10.0.0.0/12" }) },
      [`platform:network.cidr = "10.0.0.0/12" is not a valid VPC CIDR: ${CIDR_ALLOWED}`],
    ],
    [
      "CIDR overlapping the peer's",
      "eu-west-1",
      { "platform:network": network("eu-west-1", { cidr: "10.10.0.0/17" }) },
      [
        'platform:peers[0].cidr = "10.10.0.0/16" overlaps platform:network.cidr = "10.10.0.0/17": peered VPCs need CIDRs that do not overlap',
      ],
    ],
    [
      "AZ of another region",
      "us-east-1",
      { "platform:network": network("us-east-1", { availabilityZones: ["us-east-1a", "eu-west-1b"] }) },
      [
        'platform:network.availabilityZones[1] = "eu-west-1b" is not an Availability Zone of us-east-1: expected one of "us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"',
      ],
    ],
    [
      "AZ that does not exist",
      "eu-west-1",
      { "platform:network": network("eu-west-1", { availabilityZones: ["eu-west-1a", "eu-west-1d"] }) },
      [
        'platform:network.availabilityZones[1] = "eu-west-1d" is not an Availability Zone of eu-west-1: expected one of "eu-west-1a", "eu-west-1b", "eu-west-1c"',
      ],
    ],
    [
      "fewer than 2 AZs",
      "us-east-1",
      { "platform:network": network("us-east-1", { availabilityZones: ["us-east-1a"] }) },
      [
        'platform:network.availabilityZones = ["us-east-1a"] has fewer than 2 Availability Zones: expected 2 to 6 zones of the stack\'s region',
      ],
    ],
    [
      "duplicate AZ",
      "us-east-1",
      { "platform:network": network("us-east-1", { availabilityZones: ["us-east-1a", "us-east-1a"] }) },
      ['platform:network.availabilityZones[1] = "us-east-1a" is listed twice: expected each zone once'],
    ],
    [
      "unknown NAT strategy",
      "us-east-1",
      { "platform:network": network("us-east-1", { natStrategy: "double" }) },
      [
        'platform:network.natStrategy = "double" is not a NAT strategy: expected one of "one-per-az", "single", "none"',
      ],
    ],
    [
      "two primaries",
      "eu-west-1",
      { "platform:role": "primary" },
      [
        'platform:peers[0].role = "primary" while platform:role = "primary": expected exactly one primary stack in the platform',
        'platform:peers = [{"stack":"us-east-1","region":"us-east-1","cidr":"10.10.0.0/16","role":"prim... is not allowed on the primary stack: the primary is applied first, so expected an empty list (later stacks list it and own the peerings)',
        'platform:posture = "warm-standby" is not allowed on the primary stack: expected "active" (warm-standby and pilot-light are for secondary regions)',
        "platform:edge.cdn is missing: expected the CloudFront settings on the primary stack, which owns the distribution and its WAF",
        'platform:pipeline.globalEndpoint = true is not allowed on a "primary" stack: expected it on the secondary that pairs with the primary (the endpoint joins both regions\' buses, so the stack applied later owns it, as it owns the peering)',
      ],
    ],
    [
      "secondary with no primary peer",
      "eu-west-1",
      { "platform:peers": [] },
      [
        'platform:peers = [] has no stack with role "primary": expected a secondary stack to list the primary stack (applied before it) among its peers',
      ],
    ],
    [
      "peer in the stack's own region",
      "eu-west-1",
      {
        "platform:peers": [
          { stack: "us-east-1", region: "eu-west-1", cidr: "10.10.0.0/16", role: "primary" },
        ],
      },
      [
        'platform:peers[0].region = "eu-west-1" is this stack\'s own region: expected a peer in another region',
      ],
    ],
    [
      // The EBS key admits Auto Scaling through kms:ViaService: no stack manages the role any more.
      "the retired service-linked role key",
      "us-east-1",
      { "platform:serviceLinkedRoles": { autoScaling: "create" } },
      [
        'platform:serviceLinkedRoles = {"autoScaling":"create"} is not a known key: expected only role, environment, accountId, protect, network, peers, tags, dns, cloudfrontPrefixListId, posture, tiers, data, edge, eks, pipeline, observability, failover',
      ],
    ],
    [
      "account ID not 12 digits",
      "us-east-1",
      { "platform:accountId": "1234" },
      ['platform:accountId = "1234" is not an AWS account ID: expected exactly 12 digits'],
    ],
    [
      "missing owner tag",
      "us-east-1",
      { "platform:tags": { "cost-center": "cc-1" } },
      ["platform:tags.owner is missing: expected the owning team's name (a non-empty tag value)"],
    ],
    [
      "environment tag disagreeing",
      "us-east-1",
      { "platform:tags": { owner: "a", "cost-center": "b", environment: "dev" } },
      [
        'platform:tags.environment = "dev" differs from platform:environment = "prod": expected it omitted (it is set from platform:environment) or equal',
      ],
    ],
    [
      "reserved tag name",
      "us-east-1",
      { "platform:tags": { owner: "a", "cost-center": "b", "aws:x": "y" } },
      [`platform:tags.aws:x = "y" has an invalid tag name: ${TAG_KEY_ALLOWED_TEXT}`],
    ],
    [
      // Keys EC2 refuses in instance metadata tags (the tiers' launch template enables them): any of
      // these fails every instance launch.
      "tag names an instance cannot carry with metadata tags on",
      "us-east-1",
      {
        "platform:tags": {
          owner: "a",
          "cost-center": "b",
          "cost centre": "c",
          "team/name": "d",
          équipe: "e",
          ".": "f",
          "..": "g",
          _index: "h",
          "AWS:x": "i",
          ["k".repeat(129)]: "j",
        },
      },
      [
        ["cost centre", "c"],
        ["team/name", "d"],
        ["équipe", "e"],
        [".", "f"],
        ["..", "g"],
        ["_index", "h"],
        ["AWS:x", "i"],
        ["k".repeat(129), "j"],
      ].map(([k, v]) => `platform:tags.${k} = "${v}" has an invalid tag name: ${TAG_KEY_ALLOWED_TEXT}`),
    ],
  ];

  test.each(cases)("%s", (_label, stack, overrides, expected) => {
    expect(problemsOf(stack, overrides)).toEqual(expected);
  });

  test("every problem is reported at once, in one error that says nothing was registered", () => {
    let error: unknown;
    try {
      validateStackConfig(
        withOverrides("us-east-1", {
          "platform:role": "leader",
          "platform:colour": "blue",
          "platform:network": network("us-east-1", {
            cidr: "10.10.1.0/16",
            availabilityZones: ["us-east-1z"],
          }),
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect((error as ConfigError).message.split("\n")[0]).toBe(
      'Invalid config for stack "us-east-1" (5 problems); no resources were registered:',
    );
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual([
      "platform:colour",
      "platform:network.availabilityZones",
      "platform:network.availabilityZones[0]",
      "platform:network.cidr",
      "platform:role",
    ]);
  });
});

describe("validateStackConfig: properties", () => {
  const keys = [
    "platform:role",
    "platform:environment",
    "platform:accountId",
    "platform:protect",
    "platform:network",
    "platform:peers",
    "platform:tags",
    "aws:region",
  ];
  const junk = fc.oneof(
    fc.constant(undefined),
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), {
      maxKeys: 4,
    }),
  );

  test("random values for any keys give a StackConfig or a ConfigError, never a crash", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...keys), junk, { minKeys: 1 }),
        fc.constantFrom("us-east-1", "eu-west-1"),
        (changes, stack) => {
          try {
            validateStackConfig(withOverrides(stack, changes));
          } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            expect(e.problems.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  const badCidr = fc.oneof(
    fc.string().filter((s) => !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s)),
    fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 21, max: 40 }))
      .map(([a, p]) => `10.${a}.0.0/${p}`),
    fc.integer({ min: 11, max: 99 }).map((a) => `${a}.0.0.0/16`),
    fc.integer({ min: 1, max: 255 }).map((b) => `10.10.${b}.0/16`),
  );
  const badNetwork = fc.oneof(
    badCidr.map((cidr) => ({ key: "platform:network.cidr", network: { cidr } })),
    fc.constantFrom([], ["us-east-1a"]).map((availabilityZones) => ({
      key: "platform:network.availabilityZones",
      network: { availabilityZones },
    })),
    fc.string({ minLength: 1 }).map((z) => ({
      key: "platform:network.availabilityZones[1]",
      network: { availabilityZones: ["us-east-1a", `x${z}`] },
    })),
  );

  test("a bad CIDR or AZ list always produces an error naming that key", () => {
    fc.assert(
      fc.property(badNetwork, ({ key, network: n }) => {
        const problems = problemsOf("us-east-1", { "platform:network": network("us-east-1", n) });
        expect(problems.some((p) => p.startsWith(key))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("an unknown key always produces an error naming it", () => {
    const known = new Set(keys.map((k) => k.split(":")[1]));
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,15}$/).filter((k) => !known.has(k)),
        junk.filter((v) => v !== undefined),
        (key, value) => {
          const problems = problemsOf("us-east-1", { [`platform:${key}`]: value });
          expect(
            problems.some((p) => p.startsWith(`platform:${key} = `) && p.includes("is not a known key")),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a raw config with no keys at all lists the required ones", () => {
    let problems: readonly string[] = [];
    try {
      validateStackConfig(rawConfig("empty", {}));
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "aws:region",
      "platform:role",
      "platform:environment",
      "platform:accountId",
      "platform:network",
      "platform:tags",
      "platform:dns",
      "platform:cloudfrontPrefixListId",
      "platform:data",
      "platform:edge",
      "platform:eks",
    ]);
  });
});
