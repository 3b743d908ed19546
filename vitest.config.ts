import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Property tests start from a fixed seed (CHANNEL_PROPERTY_SEED=random explores).
    setupFiles: ["tests/setup/property-seed.ts"],
    // End-to-end tests spawn the built CLI; two cores make a cold start slow under load.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
