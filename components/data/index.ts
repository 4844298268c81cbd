export { AuroraCluster, type AuroraClusterArgs, GLOBAL_MEMBER_IGNORE_CHANGES } from "./aurora-cluster";
export {
  CacheReplicationGroup,
  type CacheReplicationGroupArgs,
  type CachePrimary,
  type CacheSecondary,
} from "./cache";
export { dataSecurityGroup, type DataAccess } from "./data-security-group";
export { PeerDataAccess, type PeerDataAccessArgs } from "./peer-access";
