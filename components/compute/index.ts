export { AppLoadBalancer, type AppLoadBalancerArgs, type LoadBalancerSource } from "./load-balancer";
export { AutoScalingFleet, type AutoScalingFleetArgs, type Capacity } from "./fleet";
export { ScalingPolicies, type ScalingPoliciesArgs, type ScheduledAction } from "./scaling";
export { Tier, type TierArgs, type TierSettings } from "./tier";
