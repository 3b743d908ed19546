/** What a run needs when it has files to read, as one module that the pipeline imports only then: see commands/readers.ts. */
export { checkFile, assembleValidation, crossFileFindings } from "../validate/index.js";
export { documentOf } from "../load/parse-file.js";
export { buildModel, skippedFiles } from "../model/build.js";
export { checkInParallel } from "./parallel-check.js";
export { checkForLoad } from "./file-check.js";
export { StreamedModel } from "../model/streamed.js";
export { peopleValue } from "./file-check.js";
export { factsOf } from "../validate/cross-file-facts.js";
