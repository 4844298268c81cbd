export {
  AuroraCluster,
  type AuroraClusterArgs,
  GLOBAL_MEMBER_IGNORE_CHANGES,
  PROXY_MIN_INSTANCES,
} from "./aurora-cluster";
export {
  CacheReplicationGroup,
  type CacheReplicationGroupArgs,
  type CachePrimary,
  type CacheSecondary,
  GLOBAL_CACHE_PRIMARY_IGNORE_CHANGES,
} from "./cache";
export { CredentialAccess, type CredentialAccessArgs, proxyDbUserArn } from "./credential-access";
export {
  dataSecurityGroup,
  type DataAccess,
  type DataCaller,
  type DataPeer,
  type DataSecurityGroupArgs,
} from "./data-security-group";
export { GlobalDatabase, type GlobalDatabaseArgs } from "./global-database";
export { GlobalDatastore, type GlobalDatastoreArgs } from "./global-datastore";
export { PeerDataAccess, type PeerDataAccessArgs } from "./peer-access";
export { ReaderAutoscaling, type ReaderAutoscalingArgs } from "./reader-autoscaling";
export { WriterPlacement, type WriterPlacementArgs } from "./writer-placement";
