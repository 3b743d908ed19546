/** The tool's version: shown by --version and part of every cache key. */
export const VERSION = "0.1.0";

declare const __CHANNEL_BUILD__: string | undefined;

/**
 * Which build this is, also part of every cache key: the version alone stays the same while the
 * code changes (a `git pull` and `npm install`), and results cached by older code must not be
 * taken for this code's. The bundle defines it as a hash of the sources and the lock file
 * (scripts/bundle.mjs); run from src/ (the tests, each with a cache folder of its own) it is
 * "source".
 */
export const BUILD: string = typeof __CHANNEL_BUILD__ === "string" ? __CHANNEL_BUILD__ : "source";
