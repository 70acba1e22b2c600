/** Customer intelligence (source 002) on the real public Superstore order lines, by the same definition. */
import { intelligencePage } from '../charts/intelligence.ts';

export default intelligencePage('superstore');
