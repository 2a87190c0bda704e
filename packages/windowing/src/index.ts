export { ActiveVisitors } from './active-visitors.js';
export { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint.js';
export { PartitionState, type FlushResult, type PartitionOptions } from './partition-state.js';
export { Sessionizer } from './sessionizer.js';
export { WindowAccumulator } from './window-accumulator.js';
export { sessionsToRestore } from './restore.js';
