/**
 * Slot → epoch arithmetic for an epoch schedule with warm-up (short epochs doubling from 32 slots
 * until `firstNormalSlot`), as Solana's `EpochSchedule` computes it. LiteSVM's default schedule warms up.
 */

/** The shortest epoch of a warm-up schedule, in slots. */
const MINIMUM_SLOTS_PER_EPOCH = 32n;

export type EpochScheduleValues = {
  slotsPerEpoch: bigint;
  leaderScheduleSlotOffset: bigint;
  warmup: boolean;
  firstNormalEpoch: bigint;
  firstNormalSlot: bigint;
};

export type EpochPosition = { epoch: bigint; slotIndex: bigint; slotsInEpoch: bigint };

/** The epoch containing `slot`, the slot's index in it, and the epoch's length (all in slots). */
export function epochPosition(schedule: EpochScheduleValues, slot: bigint): EpochPosition {
  if (schedule.warmup && slot < schedule.firstNormalSlot) {
    // Epoch e (from 0) spans 32·2^e slots and starts at 32·(2^e − 1).
    let epoch = 0n;
    let start = 0n;
    let length = MINIMUM_SLOTS_PER_EPOCH;
    while (slot >= start + length) {
      start += length;
      length *= 2n;
      epoch += 1n;
    }
    return { epoch, slotIndex: slot - start, slotsInEpoch: length };
  }
  const normalIndex = slot - schedule.firstNormalSlot;
  return {
    epoch: schedule.firstNormalEpoch + normalIndex / schedule.slotsPerEpoch,
    slotIndex: normalIndex % schedule.slotsPerEpoch,
    slotsInEpoch: schedule.slotsPerEpoch,
  };
}
