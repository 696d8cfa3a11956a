import { describe, expect, it } from 'vitest';
import {
  encodePlace,
  encodeReplyRef,
  messageIdOf,
  placeOf,
  refOf,
  threadRootOf,
} from '../../../../src/platforms/slack/message-ref.js';
import { createSeenSet } from '../../../../src/platforms/slack/seen-set.js';

describe('message refs', () => {
  it('records the place of a message not posted yet, which is no message', () => {
    const place = { channel: 'C0ART00001', threadTs: '1700000000.000100', gate: 'g-1' };
    const record = { channelId: 'C0OTHER01', messageId: null, replyRef: encodePlace(place) };
    expect(placeOf(record)).toEqual(place);
    expect(refOf(record)).toBeUndefined();
    expect(placeOf({ channelId: 'C0OTHER01', replyRef: null })).toEqual({ channel: 'C0OTHER01' });
  });

  it('round-trips through the record (messageId + replyRef)', () => {
    const ref = {
      channel: 'C0ART00001',
      ts: '1700000000.000200',
      threadTs: '1700000000.000100',
      fileId: 'F1',
    };
    expect(refOf({ messageId: messageIdOf(ref), replyRef: encodeReplyRef(ref) })).toEqual(ref);
    expect(threadRootOf(ref)).toBe('1700000000.000100');
  });

  it('falls back to the message id when replyRef is not ours', () => {
    expect(refOf({ messageId: 'C1:1.2', replyRef: 'discord-token' })).toEqual({ channel: 'C1', ts: '1.2' });
    expect(refOf({ messageId: null, replyRef: null })).toBeUndefined();
  });
});

describe('createSeenSet', () => {
  it('answers true once per id and forgets the oldest beyond its capacity', () => {
    const seen = createSeenSet(2);
    expect(seen.firstTime('a')).toBe(true);
    expect(seen.firstTime('a')).toBe(false);
    seen.firstTime('b');
    seen.firstTime('c');
    expect(seen.size()).toBe(2);
    expect(seen.firstTime('a')).toBe(true);
  });
});
