import { crc32 } from 'node:zlib';

/**
 * One record as the embedded bus keeps it on disk. A frame is the payload's length (u32) and
 * CRC-32 (u32), then the payload:
 *
 *   u8 version | u32 offset high | u32 offset low | f64 timestamp
 *   | u16 transaction length | transaction | i32 key length (-1: null) | key
 *   | u32 header count | (u32 name length | name | u32 value length | value)* | value (the rest)
 */
export interface LogRecord {
  offset: number;
  timestamp: number;
  key: string | null;
  headers: Record<string, string>;
  value: Buffer;
  /** Id of the `commitWith` that wrote it ('' for a plain publish): what recovery looks for. */
  transaction: string;
}

export const FRAME_HEADER_BYTES = 8;
const VERSION = 1;
/** Payload bytes before the variable parts. */
const FIXED_BYTES = 1 + 4 + 4 + 8 + 2 + 4 + 4;
/** Larger lengths are garbage (a torn or overwritten frame), not a record. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;
const TWO_32 = 2 ** 32;

/** The whole frame of `record`. */
export function encodeRecord(record: LogRecord): Buffer {
  if (!Number.isSafeInteger(record.offset) || record.offset < 0)
    throw new Error(`offset ${record.offset} is not a whole number below 2^53`);
  const transactionBytes = Buffer.byteLength(record.transaction);
  if (transactionBytes > 0xffff) throw new Error('transaction id too long');
  const keyBytes = record.key === null ? 0 : Buffer.byteLength(record.key);
  const headers = Object.entries(record.headers);
  let size = FIXED_BYTES + transactionBytes + keyBytes + record.value.length;
  for (const [name, value] of headers)
    size += 8 + Buffer.byteLength(name) + Buffer.byteLength(value);
  if (size > MAX_PAYLOAD_BYTES) throw new Error(`a record of ${size} bytes is too large`);

  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + size);
  let at = FRAME_HEADER_BYTES;
  at = frame.writeUInt8(VERSION, at);
  at = frame.writeUInt32BE(Math.floor(record.offset / TWO_32), at);
  at = frame.writeUInt32BE(record.offset % TWO_32, at);
  at = frame.writeDoubleBE(record.timestamp, at);
  at = frame.writeUInt16BE(transactionBytes, at);
  at += frame.write(record.transaction, at);
  at = frame.writeInt32BE(record.key === null ? -1 : keyBytes, at);
  if (record.key !== null) at += frame.write(record.key, at);
  at = frame.writeUInt32BE(headers.length, at);
  for (const [name, value] of headers) {
    at = frame.writeUInt32BE(Buffer.byteLength(name), at);
    at += frame.write(name, at);
    at = frame.writeUInt32BE(Buffer.byteLength(value), at);
    at += frame.write(value, at);
  }
  record.value.copy(frame, at);
  frame.writeUInt32BE(size, 0);
  frame.writeUInt32BE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

export type Frame =
  /** The buffer ends before the frame does: read more, or it is a torn tail. */
  | { status: 'partial'; needs: number }
  | { status: 'corrupt'; reason: string }
  | { status: 'ok'; size: number; payload: Buffer };

/** The frame starting at `at` in `buffer`, its CRC checked. */
export function readFrame(buffer: Buffer, at: number): Frame {
  const available = buffer.length - at;
  if (available < FRAME_HEADER_BYTES) return { status: 'partial', needs: FRAME_HEADER_BYTES };
  const length = buffer.readUInt32BE(at);
  if (length < FIXED_BYTES || length > MAX_PAYLOAD_BYTES)
    return { status: 'corrupt', reason: `impossible length ${length}` };
  const size = FRAME_HEADER_BYTES + length;
  if (available < size) return { status: 'partial', needs: size };
  const payload = buffer.subarray(at + FRAME_HEADER_BYTES, at + size);
  if (crc32(payload) !== buffer.readUInt32BE(at + 4))
    return { status: 'corrupt', reason: 'CRC mismatch' };
  if (payload.readUInt8(0) !== VERSION)
    return { status: 'corrupt', reason: `unknown version ${payload.readUInt8(0)}` };
  return { status: 'ok', size, payload };
}

/** Offset and timestamp of a payload, without decoding the rest (recovery scans). */
export function peekRecord(payload: Buffer): { offset: number; timestamp: number } {
  return {
    offset: payload.readUInt32BE(1) * TWO_32 + payload.readUInt32BE(5),
    timestamp: payload.readDoubleBE(9),
  };
}

/**
 * The record of a payload whose CRC matched. The value is copied out, so a record kept by a
 * consumer does not hold the whole read buffer in memory.
 */
export function decodeRecord(payload: Buffer): LogRecord {
  const { offset, timestamp } = peekRecord(payload);
  let at = 17;
  const transactionBytes = payload.readUInt16BE(at);
  at += 2;
  const transaction = payload.toString('utf8', at, at + transactionBytes);
  at += transactionBytes;
  const keyBytes = payload.readInt32BE(at);
  at += 4;
  let key: string | null = null;
  if (keyBytes >= 0) {
    key = payload.toString('utf8', at, at + keyBytes);
    at += keyBytes;
  }
  const headerCount = payload.readUInt32BE(at);
  at += 4;
  const headers: Record<string, string> = {};
  for (let i = 0; i < headerCount; i++) {
    const nameBytes = payload.readUInt32BE(at);
    const name = payload.toString('utf8', at + 4, at + 4 + nameBytes);
    at += 4 + nameBytes;
    const valueBytes = payload.readUInt32BE(at);
    headers[name] = payload.toString('utf8', at + 4, at + 4 + valueBytes);
    at += 4 + valueBytes;
  }
  if (at > payload.length) throw new Error('record fields run past the payload');
  return { offset, timestamp, key, headers, value: Buffer.from(payload.subarray(at)), transaction };
}
