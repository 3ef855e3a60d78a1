/**
 * Which runs of a runnable report their output chunks as `stream` records, by LangChain.js's
 * rule: `'always'` for steps that transform a stream (models, streaming parsers, lambdas,
 * maps, passthroughs), `'root'` for compositions whose chunks are a child's (sequences,
 * branches, fallbacks), reported only by the run that is listened to, and `'rootOutput'`
 * for steps that produce one value (prompts, tools, retrievers): as the listened-to run,
 * that value is a `stream` record marked `output`, which v2 events leave out.
 */
export type ChunkReporting = 'always' | 'root' | 'rootOutput';
