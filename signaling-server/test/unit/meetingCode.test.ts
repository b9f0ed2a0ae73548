import { LIMITS, meetingCodeSchema, normaliseMeetingCode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { generateMeetingCode, MEETING_CODE_ALPHABET } from '../../src/meetings/generateMeetingCode.js';

describe('generateMeetingCode', () => {
  it('makes codes the protocol accepts, from an alphabet without look-alikes', () => {
    expect(MEETING_CODE_ALPHABET).not.toMatch(/[ilo]/);
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const code = generateMeetingCode();
      expect(code).toMatch(LIMITS.meetingCodePattern);
      expect(code.replace(/-/g, '')).toMatch(new RegExp(`^[${MEETING_CODE_ALPHABET}]{10}$`));
      expect(meetingCodeSchema.parse(code.toUpperCase())).toBe(code);
      expect(normaliseMeetingCode(code.replace(/-/g, ' '))).toBe(code);
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
  });
});
