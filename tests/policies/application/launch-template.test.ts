import { launchTemplateEncryptedVolumes } from "../../../policies/application/launch-template-encrypted-volumes";
import { launchTemplateImdsv2 } from "../../../policies/application/launch-template-imdsv2";
import { launchTemplateNoPublicIp } from "../../../policies/application/launch-template-no-public-ip";
import { check, res } from "../../helpers/policy";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const good = {
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3" } }],
  networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false" }],
};
const lt = (inputs: Record<string, unknown>) => res(LT, "lt", { ...good, ...inputs });
const messages = async (policy: Parameters<typeof check>[0], inputs: Record<string, unknown>) =>
  (await check(policy, [lt(inputs)])).map((v) => v.message);

describe("application-launch-template-imdsv2", () => {
  test("compliant: tokens required, hop limit 1", async () => {
    expect(await messages(launchTemplateImdsv2, {})).toEqual([]);
  });
  test("non-compliant: optional tokens and a hop limit of 2", async () => {
    expect(
      await messages(launchTemplateImdsv2, {
        metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 },
      }),
    ).toEqual([
      'Launch template allows IMDSv1 (metadataOptions.httpTokens = "optional"): set it to "required".',
      "Launch template sets metadataOptions.httpPutResponseHopLimit = 2: expected 1.",
    ]);
  });
  test("non-compliant: no metadata options at all (IMDSv1 is AWS's default)", async () => {
    expect(await messages(launchTemplateImdsv2, { metadataOptions: undefined })).toEqual([
      'Launch template allows IMDSv1 (metadataOptions.httpTokens = undefined): set it to "required".',
    ]);
  });
});

describe("application-launch-template-encrypted-volumes", () => {
  test("compliant: every volume encrypted (string or boolean)", async () => {
    expect(
      await messages(launchTemplateEncryptedVolumes, {
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true } }],
      }),
    ).toEqual([]);
  });
  test("non-compliant: an unencrypted data volume", async () => {
    const mappings = [...good.blockDeviceMappings, { deviceName: "/dev/xvdb", ebs: { encrypted: "false" } }];
    expect(await messages(launchTemplateEncryptedVolumes, { blockDeviceMappings: mappings })).toEqual([
      "Launch template volume /dev/xvdb is not encrypted: set ebs.encrypted = true.",
    ]);
  });
  test("non-compliant: no block device mapping", async () => {
    expect((await messages(launchTemplateEncryptedVolumes, { blockDeviceMappings: [] }))[0]).toMatch(
      /^Launch template defines no block device mapping/,
    );
  });
});

describe("application-launch-template-no-public-ip", () => {
  test("compliant: no public IP", async () => {
    expect(await messages(launchTemplateNoPublicIp, {})).toEqual([]);
  });
  test("non-compliant: a public IP on the primary interface", async () => {
    expect(
      await messages(launchTemplateNoPublicIp, {
        networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true" }],
      }),
    ).toEqual([
      "Launch template network interface 0 associates a public IP: set associatePublicIpAddress = false.",
    ]);
  });
});
