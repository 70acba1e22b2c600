/**
 * Child-process entry for one shard of the seat-usage generation (see accounts.ts):
 * reads its options as JSON from argv, reports progress and its row counts over IPC.
 */
import { generateSeatUsage, type SeatUsageOptions } from './seat-usage.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<SeatUsageOptions, 'onProgress'>;
const send = (message: unknown) => process.send?.(message);
const counts = generateSeatUsage({ ...options, onProgress: (fraction) => send({ progress: fraction }) });
send({ counts });
