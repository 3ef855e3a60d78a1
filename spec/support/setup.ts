/**
 * Fails the test during which a promise rejection went unhandled, so that an
 * error escaping the Observable error channel can never pass unnoticed.
 */
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  // Let pending rejections reach the handler before checking.
  await new Promise((resolve) => setImmediate(resolve));
  const seen = unhandled.splice(0);
  if (seen.length > 0) {
    throw new Error(`Unhandled promise rejection(s) during the test: ${seen.map(String).join('; ')}`);
  }
});
