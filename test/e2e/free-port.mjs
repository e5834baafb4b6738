import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the system picks it). */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
