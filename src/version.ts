/** The tool's version: shown by --version and part of every cache key. */
export const VERSION = "0.1.0";
