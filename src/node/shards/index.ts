/** Count shards (Node, DuckDB): pretoken counts as Parquet files, merged out of core. */
export {
  CONTRACT_KEYS,
  checkSameContract,
  contractPieces,
  SHARD_FORMAT,
  type ShardCountSettings,
  type ShardInput,
  type ShardMetadata,
  shardContract,
} from "./metadata.js";
export {
  expandShards,
  inspectCountShards,
  type ReadShardsOptions,
  readCountShards,
  type ShardCounts,
} from "./read-shards.js";
export type { DuckDBSettings } from "./settings.js";
export {
  type CountShardOptions,
  type CountShardResult,
  DEFAULT_SPILL_AT,
  writeCountShard,
} from "./write-shard.js";
