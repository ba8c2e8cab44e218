/** Types for build.mjs (plain JS, so the build runs without tsx). */
export declare const BUNDLE_FILE: string;
export declare function editorBundleMissing(): boolean;
export declare function buildEditorBundle(options?: { quiet?: boolean }): Promise<void>;
export declare const MEDIA_BUNDLE_FILE: string;
