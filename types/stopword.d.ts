declare module "stopword" {
  /** English stopword list. */
  export const eng: string[];
}
