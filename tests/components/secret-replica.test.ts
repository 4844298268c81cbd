import { SecretReplica } from "../../components/security/secret-replica";
import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import { markDynamicProvider } from "../../src/plan/recorder";
import { run } from "../helpers/run";

describe("SecretReplica", () => {
  test("a protected replica of the primary's secret in this region, under this region's key, named by the primary's ARN with this region", async () => {
    const primaryArn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod-use1-aurora-master-AbCdEf";
    const euKey = "arn:aws:kms:eu-west-1:111122223333:key/data";
    const ran = await run(
      () => {
        const r = new SecretReplica("prod-euw1-aurora-master-replica", {
          region: "eu-west-1",
          primarySecretArn: primaryArn,
          primaryRegion: "us-east-1",
          kmsKeyArn: euKey,
        });
        return { arn: r.arn, kmsKeyArn: r.kmsKeyArn };
      },
      { region: "eu-west-1" },
    );
    const [replica] = ran.ofType(SECRET_REPLICA_TYPE);
    expect(replica.inputs).toEqual({
      __provider: "[dynamic provider: SecretReplica]",
      region: "eu-west-1",
      primarySecretArn: primaryArn,
      primaryRegion: "us-east-1",
      kmsKeyArn: euKey,
    });
    expect(replica.options.protect).toBe(true);
    expect(ran.regionOf(replica)).toBe("eu-west-1");
    expect(ran.outputs).toEqual({
      arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod-use1-aurora-master-AbCdEf",
      kmsKeyArn: euKey,
    });
  });

  test("a platform:security component around one dynamic resource of its own type, protected unless told otherwise", async () => {
    const ran = await run(
      () =>
        new SecretReplica("r", {
          region: "ap-south-1",
          primarySecretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf",
          primaryRegion: "us-east-1",
          kmsKeyArn: "arn:aws:kms:ap-south-1:111122223333:key/k",
          protect: false,
        }),
      { region: "ap-south-1" },
    );
    const registered = ran.records.filter(
      (r) => r.operation === "register" && r.type !== "pulumi:pulumi:Stack",
    );
    expect(registered.map((r) => [r.type, r.name])).toEqual([
      ["platform:security:SecretReplica", "r"],
      [SECRET_REPLICA_TYPE, "r"],
    ]);
    expect(registered[1].parent).toBe(registered[0].urn);
    expect(registered[1].options.protect).toBe(false);
  });
});

describe("the plan's record of a dynamic resource", () => {
  test("its serialized provider is replaced by a marker naming the type; other resources are untouched", () => {
    expect(
      markDynamicProvider(SECRET_REPLICA_TYPE, { __provider: "exports.handler = ...", region: "r" }),
    ).toEqual({
      __provider: "[dynamic provider: SecretReplica]",
      region: "r",
    });
    expect(markDynamicProvider("pulumi-nodejs:dynamic:Resource", { __provider: "x" })).toEqual({
      __provider: "[dynamic provider: Resource]",
    });
    const aws = { __provider: "not a dynamic provider" };
    expect(markDynamicProvider("aws:s3/bucket:Bucket", aws)).toBe(aws);
  });
});
