import { z } from 'zod';

/**
 * The `metadata` a mesh client puts on each PeerJS call (`peer.call(id, stream, { metadata })`). It arrives from
 * another participant's client, so it is untrusted: parse it with `callMetadataSchema`.
 */

/** Which media a call carries: the camera and microphone, or (the older way to share) one screen share. */
export const callKindSchema = z.enum(['camera', 'screen']);
export type CallKind = z.infer<typeof callKindSchema>;

/** At most this many media sections in a call's offer are looked at: more is not a Wava call. */
export const MAX_CALL_MEDIA_SECTIONS = 16;

const mediaSectionIndex = z
  .number()
  .int()
  .min(0)
  .max(MAX_CALL_MEDIA_SECTIONS - 1);

/**
 * The screen slot of a camera call: the zero-based positions, among the offer's `m=` sections, of a video section
 * (and, when the caller has a microphone, an audio section) reserved for a screen share. They are negotiated with
 * the call and send nothing until a share starts; starting it is `RTCRtpSender.replaceTrack(screenTrack)`, with no
 * new call. An answerer that takes the slot answers those sections `sendrecv` (it attaches a track of its own, which
 * it then replaces with none); one that answers them `recvonly` or `inactive` declines it, and screens then travel
 * as calls of kind `screen`.
 */
export const screenSlotSchema = z
  .object({ video: mediaSectionIndex, audio: mediaSectionIndex.optional() })
  .refine((slot) => slot.audio === undefined || slot.audio !== slot.video, { message: 'two sections at one index' });
export type ScreenSlot = z.infer<typeof screenSlotSchema>;

export const callMetadataSchema = z.object({
  kind: callKindSchema,
  /** Camera calls only. */
  screenSlot: screenSlotSchema.optional(),
});
export type CallMetadata = z.infer<typeof callMetadataSchema>;
