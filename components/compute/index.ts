export {
  AppLoadBalancer,
  type AppLoadBalancerArgs,
  type LoadBalancerCaller,
  type LoadBalancerSource,
} from "./load-balancer";
export { AutoScalingFleet, type AutoScalingFleetArgs, type Capacity, policyKey } from "./fleet";
export {
  ScalingPolicies,
  type ScalingPoliciesArgs,
  type ScheduledAction,
  scheduledActionName,
} from "./scaling";
export { Tier, type TierArgs, type TierPeer, type TierScaling } from "./tier";
