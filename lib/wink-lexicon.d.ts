/** wink-lexicon ships no types; these are the tables we use. Irregular verb form → base form: */
declare module "wink-lexicon/src/irregular-verbs.js" {
  const irregularVerbs: Record<string, string>;
  export default irregularVerbs;
}

/** Its word list: common English words → their part-of-speech tags. */
declare module "wink-lexicon/src/lexicon.js" {
  const lexicon: Record<string, string[]>;
  export default lexicon;
}
