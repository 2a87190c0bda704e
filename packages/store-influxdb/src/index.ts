export {
  EVENTS_MEASUREMENT,
  InfluxMetricsStore,
  WINDOWS_MEASUREMENT,
} from './influxdb/influx-metrics-store.js';
export { toLine, toLines, type Point, type Precision } from './influxdb/line-protocol.js';
export { quoteIdentifier, quoteString, timeLiteral } from './influxdb/influxql.js';
export { InfluxError, type InfluxSeries, type InfluxTransport } from './influxdb/transport.js';
export { V1Transport, type V1Options } from './influxdb/v1-transport.js';
export { V2Transport, type V2Options } from './influxdb/v2-transport.js';
export { createInfluxTransport } from './influxdb/influx-client.js';
