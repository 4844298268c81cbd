import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Launch templates require IMDSv2 session tokens with a hop limit of 1: IMDSv1 lets a server-side
 * request forgery read the instance's credentials, and a higher hop limit lets containers on the
 * host reach them.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_79, CKV_AWS_341.
 */
export const launchTemplateImdsv2: ResourceValidationPolicy = {
  name: "application-launch-template-imdsv2",
  description: "Launch templates must require IMDSv2 (httpTokens = required) with a hop limit of 1.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (lt, _args, reportViolation) => {
    const md = lt.metadataOptions;
    if (md?.httpEndpoint === "disabled") return;
    if (md?.httpTokens !== "required") {
      reportViolation(
        `Launch template allows IMDSv1 (metadataOptions.httpTokens = ${JSON.stringify(md?.httpTokens)}): set it to "required".`,
      );
    }
    if (md?.httpPutResponseHopLimit !== undefined && md.httpPutResponseHopLimit > 1) {
      reportViolation(
        `Launch template sets metadataOptions.httpPutResponseHopLimit = ${md.httpPutResponseHopLimit}: expected 1.`,
      );
    }
  }),
};
