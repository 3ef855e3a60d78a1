// rxchain/redis: a run store on Redis, for resumable streams shared by server processes.
// Its Redis client, ioredis, is an optional peer dependency: install it to use this entry.
export { RedisRunStore } from './RedisRunStore.js';
export type { RedisRunStoreOptions } from './RedisRunStore.js';
