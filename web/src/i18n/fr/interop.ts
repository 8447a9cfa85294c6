/**
 * French texts: interoperability — barcode (GS1) reading, the DHIS2 fields, mapping imports, the organisation-unit
 * import and DHIS2 pushes. Keys follow the stable codes the server returns ("gs1.badCheckDigit" →
 * `interop.gs1.badCheckDigit`), so a screen words a refusal with `t(\`interop.${code}\`, values)`.
 */
import type { Gs1ErrorCode } from "@shared/domain/gs1";
import type { Dhis2Field } from "@shared/domain/interop/dhis2Fields";

type After<P extends string, T> = T extends `${P}.${infer S}` ? S : never;

const gs1 = {
  empty: "Le code lu est vide.",
  inputTooLong: "Le code lu est trop long ({{length}} caractères, au plus {{max}}).",
  keyboardLayout:
    "Le lecteur semble réglé pour un clavier QWERTY (caractère « {{char}} » reçu) : réglez-le en AZERTY (français) et scannez à nouveau.",
  unsupportedSymbology: "Ce code-barres ({{symbology}}) n'est pas un code GS1.",
  syntax: "Code GS1 mal formé (position {{position}}).",
  unknownAi: "Identifiant d'application GS1 inconnu : ({{ai}}).",
  truncated: "Code incomplet : la donnée ({{ai}}) a {{got}} caractères au lieu de {{expected}}.",
  valueTooLong: "La donnée ({{ai}}) est trop longue ({{length}} caractères, au plus {{max}}).",
  valueTooShort: "La donnée ({{ai}}) est trop courte ({{length}} caractères, au moins {{min}}).",
  notNumeric: "La donnée ({{ai}}) doit être composée de chiffres.",
  badCharacter: "Caractère non autorisé « {{char}} » dans la donnée ({{ai}}).",
  badCheckDigit: "Clé de contrôle incorrecte pour ({{ai}}) : {{got}} lu, {{expected}} attendu. Scannez à nouveau.",
  badGtinLength: "Un GTIN a 8, 12, 13 ou 14 chiffres ({{length}} lus).",
  badDate: "Date invalide dans ({{ai}}) : {{value}} (AAMMJJ).",
  duplicateAi: "La donnée ({{ai}}) apparaît deux fois avec des valeurs différentes.",
  missingGtin: "Ce code ne contient pas de GTIN (01) : il ne permet pas de trouver le produit.",
} satisfies Record<After<"gs1", Gs1ErrorCode>, string>;

const fields = {
  opening_balance: "Stock initial (A)",
  received: "Quantité reçue (B)",
  consumed: "Quantité consommée (C)",
  losses_adjustments: "Pertes et ajustements (D)",
  closing_stock: "Stock final (E)",
  stockout_days: "Jours de rupture",
  amc: "CMM",
  months_of_stock: "Mois de stock",
} satisfies Record<Dhis2Field, string>;

export const interop = {
  interop: {
    gs1,
    fields,
    import: {
      missingColumn: "Colonne manquante : {{column}}.",
      required: "Valeur obligatoire ({{column}}).",
      unknownProduct: "Produit inconnu : {{code}}.",
      unknownField: "Rubrique inconnue : « {{value}} ».",
      unknownFacility: "Établissement inconnu : {{facilityId}}.",
      badUid: "« {{value}} » n'est pas un identifiant DHIS2 (11 lettres ou chiffres, commençant par une lettre).",
      tooLong: "Valeur trop longue (au plus {{max}} caractères).",
      duplicateRow: "Ligne en double (déjà à la ligne {{firstRow}}).",
      targetTaken: "L'élément de données {{dataElement}} est déjà utilisé par {{usedBy}}.",
      orgUnitTaken: "L'unité d'organisation {{orgUnit}} est déjà liée à l'établissement {{facilityId}}.",
    },
    orgUnit: {
      duplicateUid: "Unité en double dans l'export ({{uid}}).",
      outsideRoot: "Hors de la partie importée.",
      regionUnmatched: "Région DHIS2 « {{name}} » sans correspondance dans Fura.",
      districtUnmatched: "District DHIS2 « {{name}} » sans correspondance dans Fura.",
      noParent: "Le parent de niveau {{level}} manque dans l'export.",
      codeTaken: "L'établissement {{facilityId}} est déjà lié à l'unité {{orgUnit}}.",
      ambiguousName: "{{count}} établissements du district portent ce nom : liez-le à la main.",
      facilityTaken: "L'établissement {{facilityId}} correspond déjà à l'unité {{orgUnit}}.",
      districtChanged: "L'unité a changé de district ({{from}} → {{to}}) : à déplacer à la main dans Fura.",
      noCoordinates: "Pas de coordonnées (point) dans DHIS2.",
      idTaken: "L'identifiant {{facilityId}} est déjà pris.",
      createdClosed: "Unité fermée le {{closedDate}} : créée inactive.",
      planChanged: "Les établissements ont changé depuis l'aperçu : relancez l'aperçu.",
      noDepot: "Le district n'a pas de dépôt : aucune ligne d'approvisionnement créée.",
    },
    dhis2: {
      notConfigured: "La connexion à DHIS2 n'est pas configurée.",
      noSecret: "Aucun mot de passe ni jeton DHIS2 n'est enregistré.",
      secretUnreadable:
        "Le secret DHIS2 enregistré ne peut pas être lu avec la clé de ce serveur : saisissez-le à nouveau.",
      nothingToSend: "Rien à envoyer : aucune valeur correspondante pour ce mois et cette zone.",
      unreachable: "DHIS2 est injoignable.",
      timeout: "DHIS2 n'a pas répondu à temps.",
      unauthorized: "DHIS2 a refusé l'identifiant, le mot de passe ou le jeton.",
      httpError: "DHIS2 a répondu par une erreur (HTTP {{status}}).",
      badResponse: "La réponse de DHIS2 n'est pas un résumé d'import.",
      noAmc: "CMM inconnue",
      amcZero: "CMM nulle : mois de stock non défini",
    },
    mapping: {
      targetTaken: "Cet élément de données et cette combinaison sont déjà utilisés par un autre produit.",
      orgUnitTaken: "Cette unité d'organisation est déjà liée à un autre établissement.",
    },
    gtin: {
      taken: "Ce GTIN identifie déjà un autre produit.",
    },
  },
};
