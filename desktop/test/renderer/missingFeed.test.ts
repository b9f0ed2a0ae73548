import { describe, expect, it } from 'vitest';
import { missingFeed } from '../../src/renderer/call/missingFeed.js';

describe('a subscription Janus refused for a feed it no longer has', () => {
  it('names that feed (Janus 1.x: error 428, "No such feed (<id>)")', () => {
    const refused = new Error('Janus error 428: No such feed (156b96deb58a-e5dceb8cf26a7f474baa)');
    expect(missingFeed(refused)).toBe('156b96deb58a-e5dceb8cf26a7f474baa');
  });

  it('is null for any other failure', () => {
    expect(missingFeed(new Error('Janus did not answer message'))).toBeNull();
    expect(missingFeed(new Error('Janus error 433: Unauthorized (wrong token)'))).toBeNull();
    expect(missingFeed('Janus error 428: No such feed (x)')).toBeNull();
  });
});
