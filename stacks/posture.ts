/**
 * A region's posture sets the floor and the initial capacity of its tiers:
 * - active: the configured minSize and desiredCapacity (default minSize);
 * - warm-standby: a floor of at most one instance per tier, ready to scale when traffic arrives;
 * - pilot-light: a floor of zero, so only the load balancers run until a failover scales up.
 * The maximum never changes, so the scaling policies can always grow a standby region.
 *
 * Desired capacity is applied at creation only (the group ignores later changes so that scaling
 * decisions survive `pulumi up`); raising the floor raises running capacity at once, lowering it
 * lets the scaling policies scale in down to the new floor.
 */
import type { Capacity } from "../components/compute";
import type { Posture } from "../src/config/tiers";

export interface TierSize {
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity?: number;
}

export function capacityFor(size: TierSize, posture: Posture): Capacity {
  const max = size.maxSize;
  switch (posture) {
    case "active":
      return { min: size.minSize, max, desired: size.desiredCapacity ?? size.minSize };
    case "warm-standby": {
      const floor = Math.min(1, size.minSize);
      return { min: floor, max, desired: floor };
    }
    case "pilot-light":
      return { min: 0, max, desired: 0 };
  }
}
