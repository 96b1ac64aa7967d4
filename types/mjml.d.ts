declare module 'mjml' {
  interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  interface MjmlOptions {
    validationLevel?: 'strict' | 'soft' | 'skip';
    filePath?: string;
    ignoreIncludes?: boolean;
    includePath?: string | string[];
    keepComments?: boolean;
    minify?: boolean;
    beautify?: boolean;
    preprocessors?: ((xml: string) => string)[];
    /** Web fonts MJML links when a font-family names them; `{}` links none. */
    fonts?: Record<string, string>;
  }
  /** MJML 5 returns a Promise. */
  export default function mjml2html(
    source: string,
    options?: MjmlOptions,
  ): Promise<{ html: string; errors: MjmlError[] }>;
}
