import * as pulumi from "@pulumi/pulumi";
import type { RegionContext } from "../../stacks/context";
import { autoScalingServiceLinkedRole } from "../../stacks/tiers";

/** What the program registered: type, name, import ID, inputs. */
const registered: { type: string; name: string; importId: string; inputs: Record<string, unknown> }[] = [];
void pulumi.runtime.setMocks(
  {
    newResource: (a) => {
      registered.push({ type: a.type, name: a.name, importId: a.id ?? "", inputs: a.inputs as never });
      return { id: a.id || `${a.name}-id`, state: a.inputs as Record<string, unknown> };
    },
    call: (a) => a.inputs as Record<string, unknown>,
  },
  "platform",
  "test",
  false,
);

const ctx = (autoScaling: "create" | "adopt" | "external") =>
  ({
    cfg: { accountId: "111122223333", environment: "prod", serviceLinkedRoles: { autoScaling } },
    tags: { owner: "platform-team" },
  }) as unknown as RegionContext;
const ARN =
  "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

describe("the Auto Scaling service-linked role", () => {
  beforeEach(() => registered.splice(0));

  test("create: a tagged ServiceLinkedRole, no import", async () => {
    const r = autoScalingServiceLinkedRole(ctx("create"));
    await new Promise<void>((done) => r.resource!.urn.apply(() => done()));
    expect(r.arn).toBe(ARN);
    expect(registered).toEqual([
      {
        type: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
        name: "prod-autoscaling-service-linked-role",
        importId: "",
        inputs: { awsServiceName: "autoscaling.amazonaws.com", tags: { owner: "platform-team" } },
      },
    ]);
  });

  test("adopt: the same resource, imported by the role's ARN (its import ID), untagged", async () => {
    const r = autoScalingServiceLinkedRole(ctx("adopt"));
    await new Promise<void>((done) => r.resource!.urn.apply(() => done()));
    expect(registered).toEqual([
      {
        type: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
        name: "prod-autoscaling-service-linked-role",
        importId: ARN,
        inputs: { awsServiceName: "autoscaling.amazonaws.com" },
      },
    ]);
  });

  test("external: no resource, only the ARN the key names", () => {
    expect(autoScalingServiceLinkedRole(ctx("external"))).toEqual({ arn: ARN });
    expect(registered).toEqual([]);
  });
});
