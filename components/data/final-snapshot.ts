import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * A final snapshot identifier that differs for every physical data store a component creates:
 * `<name>-final-<8 hex>`. A fixed `<name>-final` collides the second time a cluster or
 * replication group of that name is deleted (RDS: DBClusterSnapshotAlreadyExists; ElastiCache:
 * SnapshotAlreadyExistsFault), because the first one's final snapshot is still there. The suffix
 * is a `random.RandomId` child created with the store and renewed when any of `keepers` (the
 * inputs whose change replaces the store) changes, as terraform-aws-modules/rds-aurora does with
 * its `random_id.snapshot_identifier`.
 */
export function finalSnapshotIdentifier(
  name: string,
  keepers: Record<string, pulumi.Input<string>>,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const suffix = new random.RandomId(`${name}-final-snapshot`, { byteLength: 4, keepers }, { parent });
  return pulumi.interpolate`${name}-final-${suffix.hex}`;
}
