/** Customer intelligence (source 002) on the synthetic orders of the default data (or the user's `--input`). */
import { intelligencePage } from '../charts/intelligence.ts';

export default intelligencePage('synthetic');
