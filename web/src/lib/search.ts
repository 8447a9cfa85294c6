/**
 * Accent- and case-insensitive search for the web's filters: the one normalisation of shared/domain/text (the
 * server registers the same in SQLite as fold()), under the names the features use.
 */
export { foldText as normalise, matchesSearch as matchesWords } from "@shared/domain/text";
