import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';

/** Runs a conditional single-item write: true when it landed, false when its condition failed. */
export const landed = async (write: () => Promise<unknown>): Promise<boolean> => {
  try {
    await write();
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
};
