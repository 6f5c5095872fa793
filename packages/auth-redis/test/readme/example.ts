import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth } from '@docspace/auth-helpers';
import { redisSession } from '@docspace/auth-redis';
import { Redis } from 'ioredis';

// No offline queue: while Redis is away, commands fail at once and the SDK carries on without it.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
});
redis.on('error', () => {}); // ioredis reconnects by itself; what failed reaches you as events
await new Promise((resolve) => redis.once('ready', resolve));

const fleet = redisSession({ client: redis });
const auth = createDocSpaceAuth({
  baseUrl: process.env.DOCSPACE_URL ?? 'https://yourportal.onlyoffice.com',
  store: fleet.store, // one session for every process, on every machine
  coordinator: fleet.coordinator, // one sign-in for all of them
  credentials: () => ({ userName: 'alice@example.com', password: process.env.DOCSPACE_PASSWORD ?? '' }),
  onEvent: (event) => {
    if (event.type === 'coordination-error') console.warn(`without Redis for now: ${event.message}`);
  },
});

const { data } = await getSelfProfile({ client: auth.client }); // signs in, or takes the fleet's session
console.log(`signed in as ${data?.response?.displayName}`);

auth.dispose();
await fleet.close();
redis.disconnect();
