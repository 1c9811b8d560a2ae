/** wink-lexicon ships no types; this is the one table we use: irregular verb form → base form. */
declare module "wink-lexicon/src/irregular-verbs.js" {
  const irregularVerbs: Record<string, string>;
  export default irregularVerbs;
}
