import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../src/index.js';

describe('checkpoint', () => {
  it('round-trips through commit metadata', () => {
    const checkpoint = { closedBefore: 1_767_270_440_000, watermark: 1_767_270_515_899 };
    expect(decodeCheckpoint(encodeCheckpoint(checkpoint))).toEqual(checkpoint);
  });

  it.each([
    null,
    undefined,
    '',
    'not json',
    '{"v":2,"closedBefore":1,"watermark":2}',
    '{"v":1,"closedBefore":"1","watermark":2}',
    '[]',
  ])('reads %j as no checkpoint', (metadata) => {
    expect(decodeCheckpoint(metadata)).toBeUndefined();
  });
});
