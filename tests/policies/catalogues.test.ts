import { join } from "node:path";
import {
  parseCdkNagCatalogue,
  parseCheckovCatalogue,
  readCatalogues,
  ruleTitle,
} from "../../src/docs/catalogues";

const catalogues = readCatalogues(join(__dirname, "..", ".."));

describe("the checkov catalogue", () => {
  test("holds every resource check with an ID, and no graph check", () => {
    expect(catalogues.checkov.size).toBe(362);
    expect(catalogues.checkov.get("CKV_AWS_79")).toEqual({
      id: "CKV_AWS_79",
      title: "Ensure Instance Metadata Service Version 1 is not enabled",
      titleCut: false,
      resourceTypes: ["aws_instance", "aws_launch_template", "aws_launch_configuration"],
      source: "checkov/terraform/checks/resource/aws/IMDSv1Disabled.py",
    });
    expect(catalogues.checkov.get("CKV_AWS_2")?.resourceTypes).toEqual([
      "aws_lb_listener",
      "aws_alb_listener",
    ]);
    expect(catalogues.checkov.has("CKV2_AWS_11")).toBe(false);
    expect(catalogues.checkov.has("CKV_AWS_103")).toBe(false);
  });

  test("keeps untitled and cut-off titles apart, and names them by their source file", () => {
    const open22 = catalogues.checkov.get("CKV_AWS_24");
    expect(open22?.title).toBeUndefined();
    expect(open22?.resourceTypes).toEqual([]);
    expect(ruleTitle(catalogues, "CKV_AWS_24")).toBe(
      "untitled in the catalogue (SecurityGroupUnrestrictedIngress22)",
    );
    expect(catalogues.checkov.get("CKV_AWS_56")).toMatchObject({
      title: "Ensure S3 bucket has",
      titleCut: true,
    });
    expect(ruleTitle(catalogues, "CKV_AWS_56")).toBe("Ensure S3 bucket has... (S3RestrictPublicBuckets)");
    expect(ruleTitle(catalogues, "CKV_AWS_130")).toBe(
      "Ensure VPC subnets do not assign public IP by default",
    );
  });

  test("is refused when a line is malformed or an ID repeats", () => {
    const line = "CKV_AWS_1\tTitle\t['aws_x']\tpath.py";
    expect(() => parseCheckovCatalogue(`${line}\n${line}\n`)).toThrow(
      "checkov catalogue line 2: CKV_AWS_1 is listed twice",
    );
    expect(() => parseCheckovCatalogue("CKV_AWS_1\tTitle\n")).toThrow(
      "checkov catalogue line 1: expected 4 tab-separated fields",
    );
    expect(parseCheckovCatalogue("?\t?\t?\tpath.py\n").size).toBe(0);
  });
});

describe("the cdk-nag catalogue", () => {
  test("holds every AwsSolutions rule with its level and cause", () => {
    expect(catalogues.cdkNag.size).toBe(131);
    expect(catalogues.cdkNag.get("AwsSolutions-CFR1")).toEqual({
      id: "AwsSolutions-CFR1",
      level: "warning",
      cause: "The CloudFront distribution may require Geo restrictions.",
    });
    expect(catalogues.cdkNag.get("AwsSolutions-EC29")).toEqual({
      id: "AwsSolutions-EC29",
      level: "error",
      cause: "The EC2 instance is not part of an ASG and has Termination Protection disabled.",
    });
    expect(ruleTitle(catalogues, "AwsSolutions-VPC7")).toBe("The VPC does not have an associated Flow Log.");
    expect(() => ruleTitle(catalogues, "AwsSolutions-NOPE1")).toThrow(
      "AwsSolutions-NOPE1 is in neither catalogue",
    );
  });

  test("is refused when a rule repeats or sits outside the Warnings and Errors sections", () => {
    const row = "| AwsSolutions-X1 | Cause. | Explanation. |";
    expect(() => parseCdkNagCatalogue(`### Errors\n${row}\n${row}\n`)).toThrow(
      "cdk-nag catalogue line 3: AwsSolutions-X1 is listed twice",
    );
    expect(() => parseCdkNagCatalogue(`${row}\n`)).toThrow(
      "cdk-nag catalogue line 1: AwsSolutions-X1 is outside the Warnings and Errors sections",
    );
  });
});
