import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PATHS } from "../../src/config/generate";
import { ROOT } from "../helpers/config";

const schema = JSON.parse(readFileSync(join(ROOT, PATHS.schema), "utf8")) as object;
const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
const load = (path: string) =>
  parse(readFileSync(join(ROOT, path), "utf8")) as { config: Record<string, unknown> };
/** The instance paths the JSON Schema rejects in a stack file (empty when it is valid). */
const errorsOf = (doc: unknown): string[] =>
  validate(doc) ? [] : [...new Set((validate.errors ?? []).map((e) => e.instancePath))];

const STACK_FILES = [
  "Pulumi.us-east-1.yaml",
  "Pulumi.eu-west-1.yaml",
  "tests/fixtures/secrets/Pulumi.us-east-1.yaml",
  "tests/fixtures/third-region/Pulumi.ap-south-1.yaml",
];
const primary = () => load("Pulumi.us-east-1.yaml");
const withConfig = (o: Record<string, unknown>) => ({ config: { ...primary().config, ...o } });

describe("the JSON Schema of the stack files", () => {
  test.each(STACK_FILES)("%s validates", (path) => {
    expect(errorsOf(load(path))).toEqual([]);
  });

  test.each(["Pulumi.us-east-1.yaml", "Pulumi.eu-west-1.yaml"])("%s names it on its first line", (path) => {
    expect(readFileSync(join(ROOT, path), "utf8").split("\n")[0]).toBe(
      `# yaml-language-server: $schema=./${PATHS.schema}`,
    );
  });

  test("the bad-config fixture is refused where the program refuses it", () => {
    expect(errorsOf(load("tests/fixtures/bad-config/Pulumi.us-east-1.yaml"))).toEqual([
      "/config/platform:role",
      "/config/platform:network/availabilityZones",
    ]);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["an unknown role", { "platform:role": "leader" }, "/config/platform:role"],
    ["an unquoted account ID", { "platform:accountId": 111122223333 }, "/config/platform:accountId"],
    ["a key of no known namespace", { "gcp:project": "x" }, "/config"],
    ["an unknown platform key", { "platform:colour": "blue" }, "/config"],
    [
      "a secret where the program takes none",
      { "platform:environment": { secure: "AAAB" } },
      "/config/platform:environment",
    ],
    [
      "an unknown NAT strategy",
      {
        "platform:network": {
          cidr: "10.10.0.0/16",
          availabilityZones: ["us-east-1a", "us-east-1b"],
          natStrategy: "double",
        },
      },
      "/config/platform:network/natStrategy",
    ],
    [
      "an unknown field",
      {
        "platform:dns": {
          domain: "a.example.com",
          zoneName: "example.com",
          hostedZoneId: "Z123456",
          ttl: 60,
        },
      },
      "/config/platform:dns",
    ],
    [
      "a health check interval Route 53 lacks",
      { "platform:edge": { healthCheckPrefixListId: "pl-0a1b2c3d", healthCheck: { intervalSeconds: 15 } } },
      "/config/platform:edge/healthCheck/intervalSeconds",
    ],
    ["a malformed secret", { "aws:secretKey": { secure: 42 } }, "/config/aws:secretKey"],
    ["a missing required key", { "platform:data": undefined }, "/config"],
  ];
  test.each(bad)("refuses %s", (_label, override, at) => {
    const doc = withConfig(override);
    for (const [k, v] of Object.entries(doc.config)) if (v === undefined) delete doc.config[k];
    expect(errorsOf(doc)).toContain(at);
  });

  test("accepts provider and Pulumi settings, secret or not", () => {
    expect(
      errorsOf(
        withConfig({
          "aws:secretKey": { secure: "AAAB" },
          "aws:profile": "prod",
          "pulumi:tags": { team: "x" },
        }),
      ),
    ).toEqual([]);
  });
});
