import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** One managed add-on. */
export interface AddonSpec {
  /** The add-on's name, e.g. "vpc-cni" or the community add-on "metrics-server". */
  readonly name: string;
  /** A pinned build, e.g. "v1.20.4-eksbuild.2". */
  readonly version: string;
  /** The add-on's configuration values (its describe-addon-configuration schema). @default none */
  readonly configurationValues?: Record<string, unknown>;
}

/** Arguments of {@link ManagedAddons}. */
export interface ManagedAddonsArgs {
  /** The region of the add-ons. */
  readonly region: string;
  readonly clusterName: pulumi.Input<string>;
  readonly addons: readonly AddonSpec[];
  /**
   * What every add-on waits for: the node group, for add-ons whose pods need nodes to run (an
   * add-on is ACTIVE only once its pods are). @default []
   */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * EKS managed add-ons at pinned builds, keyed by name. Conflicts resolve in favour of the add-on's
 * configuration on create and update: the cluster has no self-managed copies
 * (`bootstrapSelfManagedAddons` is off) and nobody edits them by hand.
 */
export class ManagedAddons extends pulumi.ComponentResource {
  readonly addons: Readonly<Record<string, aws.eks.Addon>>;

  constructor(name: string, args: ManagedAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:ManagedAddons", name, {}, opts);
    const addons: Record<string, aws.eks.Addon> = {};
    for (const a of args.addons) {
      addons[a.name] = new aws.eks.Addon(
        `${name}-${a.name}`,
        {
          region: args.region,
          clusterName: args.clusterName,
          addonName: a.name,
          addonVersion: a.version,
          ...(a.configurationValues ? { configurationValues: JSON.stringify(a.configurationValues) } : {}),
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "OVERWRITE",
          tags: tagsFor(args.tags, `${name}-${a.name}`),
        },
        { parent: this, dependsOn: [...(args.dependsOn ?? [])] },
      );
    }
    this.addons = addons;
    this.registerOutputs({});
  }
}
