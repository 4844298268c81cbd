import type * as pulumi from "@pulumi/pulumi";

/**
 * The resource-policy statement that refuses `action` on `resource` to everyone when the request
 * was not made over TLS (`aws:SecureTransport` false): the form the S3, SQS and SNS guides give
 * under "Enforce encryption of data in transit" and that the events/edge TLS policies check.
 */
export function denyWithoutTls(action: string, resource: pulumi.Input<string> | string[]) {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: action,
    Resource: resource,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
