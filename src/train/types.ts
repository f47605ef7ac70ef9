/**
 * The trainer's shared shapes. They are defined in src/formats/trained/types.ts, the layer below
 * (the writers read a TrainedBpe, and imports point downward only); re-exported here because
 * every part of the trainer speaks them.
 */
export type {
  BaseKind,
  NumberPolicy,
  PieceConfig,
  PieceCountSource,
  PieceCounts,
  PresetName,
  TrainedBpe,
} from "../formats/trained/types.js";
