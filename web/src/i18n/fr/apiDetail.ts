/**
 * French texts of what the server says beside an error's code, all under `apiDetail.<key>`: the details people read
 * (shared/errors DETAIL_KEYS, flat: "insufficient_stock") and the reasons of a refused field or spreadsheet cell
 * (ISSUE_KEYS, by subject: "user.usernameTaken", "import.notDate"), each with its values.
 */
import type { IssueKey } from "@shared/errors";

/** Every dotted path to a text of `T` ("user.usernameTaken"). */
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Compile-time check: an ISSUE_KEYS key without a French text fails `tsc`, naming the key. */
function everyIssueWorded<T>(
  texts: T & ([Exclude<IssueKey, Leaves<T>>] extends [never] ? unknown : { missing: Exclude<IssueKey, Leaves<T>> }),
): T {
  return texts;
}

export const apiDetail = {
  apiDetail: everyIssueWorded({
    nothing_to_allocate:
      "Rien à allouer : {{available}} unités utilisables au dépôt source pour un besoin total de {{totalNeed}}.",
    source_not_upstream_one:
      "Ce dépôt n'approvisionne pas le CSCom de cette zone (ni directement ni par un dépôt de district) : choisissez son fournisseur.",
    source_not_upstream_other:
      "Ce dépôt n'approvisionne aucun des {{facilities}} CSCom de cette zone (ni directement ni par un dépôt de district) : choisissez leur fournisseur.",
    insufficient_stock: "Demandé : {{requested}} ; utilisable en stock : {{usableOnHand}}.",
    lot_blocked: "Le lot {{lotCode}} est bloqué ({{reason}}, péremption le {{expiry}}).",
    later_orders_one:
      "{{facilities}} CSCom a déjà des commandes pour un mois plus récent ({{laterPeriod}}) : calculer les commandes de {{period}} en créerait une deuxième série.",
    later_orders_other:
      "{{facilities}} CSCom ont déjà des commandes pour un mois plus récent ({{laterPeriod}}) : calculer les commandes de {{period}} en créerait une deuxième série.",
    report_exists: "Un rapport existe déjà pour {{period}}.",
    report_max_days: "Au plus {{days}} jours sur ce mois.",
    report_reasons_sum: "Les motifs de D totalisent {{sum}}, pas {{adjustments}}.",
    report_outflow_positive: "{{reason}} diminue le stock : saisissez un nombre négatif.",
    user: {
      usernameTaken: "Cet identifiant est déjà pris.",
      roleNotAllowed: "Vous ne pouvez pas donner ce rôle.",
      lastAdmin: "C'est le dernier administrateur actif.",
      newInactive: "Un nouveau compte est créé actif : écrivez oui.",
    },
    userScope: {
      required: "Ce rôle demande ce champ.",
      notAllowed: "Ce rôle ne prend pas ce champ.",
      facilityLevel: "Ce rôle ne travaille pas dans un établissement de ce niveau.",
    },
    facility: {
      badId: "Identifiant invalide : « {{value}} ».",
      unknownId: "Identifiant inconnu : « {{value}} ». Laissez-le vide pour créer un établissement.",
      closed: "Cet établissement est fermé.",
      codeTaken: "Ce code est déjà celui d'un autre établissement.",
      districtRequired: "Un établissement de ce niveau se trouve dans un district.",
      regionRequired: "Un établissement de ce niveau se trouve dans une région.",
      regionMismatch: "Ce district n'est pas dans cette région.",
      hours: "L'heure de fermeture doit suivre l'heure d'ouverture.",
      supplierSelf: "Un établissement ne se fournit pas chez lui-même.",
      supplierLevel: "Le fournisseur doit être d'un niveau supérieur.",
      supplierClosed: "Ce fournisseur est fermé.",
      programmeTwice: "Un seul fournisseur par programme.",
      ordersInProgress: "Des commandes sont en cours ({{count}}) : il ne peut pas fermer avant leur réception.",
      transfersInTransit: "Des transferts sont en transit ({{count}}) : il ne peut pas fermer avant leur réception.",
      suppliesOthers: "Il fournit {{count}} établissement(s) ouvert(s) : changez d'abord leur fournisseur.",
    },
    product: {
      codeTaken: "Ce code est déjà celui d'un autre produit.",
      thresholdTooHigh: "Le seuil d'arrondi doit être inférieur à la taille du conditionnement.",
    },
    policy: {
      exists: "Une ligne existe déjà pour cette cible (ligne n° {{id}}) : modifiez-la.",
      minAboveMax: "Le min ne peut dépasser le max.",
      eopAboveMin: "Le point d'urgence ne peut dépasser le min.",
      programmeAndProduct: "Un programme ou un produit, pas les deux.",
      levelMismatch: "Cet établissement est d'un autre niveau.",
    },
    price: { future: "Un prix s'applique à partir d'aujourd'hui ou d'un jour passé." },
    import: {
      notClock: "« {{value}} » n'est pas une heure (HH:MM).",
      unknownDistrict: "District inconnu : {{value}}.",
      unknownRegion: "Région inconnue : {{value}}.",
      unknownFacility: "Établissement inconnu : {{facilityId}}.",
      outOfScope: "Hors de votre périmètre : {{value}}.",
      required: "Obligatoire : {{column}}.",
      unknownProduct: "Produit inconnu : {{code}}.",
      unknownProgramme: "Programme inconnu : {{value}}.",
      tooLong: "Trop long (au plus {{max}} caractères).",
      notNumber: "« {{value}} » n'est pas un nombre.",
      notInteger: "« {{value}} » n'est pas un nombre entier.",
      outOfRange: "« {{value}} » hors limites ({{min}} à {{max}}).",
      notBoolean: "« {{value}} » : écrivez oui ou non.",
      notDate: "« {{value}} » n'est pas une date (jj/mm/aaaa).",
      notInList: "« {{value}} » : valeurs possibles {{allowed}}.",
      missingColumn: "Colonne manquante : {{column}}.",
      duplicateRow: "Déjà présent à la ligne {{firstRow}}.",
      invalid: "Valeur refusée ({{reason}}).",
      tooManyWrites:
        "Au-delà de {{max}} lignes à écrire à partir d'ici : divisez le fichier (par exemple par établissement).",
      unknownFundingSource: "Source de financement inconnue : {{value}}.",
      implausible:
        "Quantité invraisemblable pour cet établissement ({{reason}}) : vérifiez-la ou saisissez ce comptage à l'écran.",
    },
    file: {
      notXlsx: "Ce fichier n'est pas un classeur .xlsx lisible.",
      empty: "Le fichier est vide.",
      tooManyRows: "Trop de lignes (au plus {{max}}).",
      rowErrors: "Le fichier contient {{count}} erreur(s) : rien n'a été écrit.",
      stalePreview: "Les données ont changé depuis l'aperçu : prévisualisez à nouveau.",
    },
    password: { same: "Le nouveau mot de passe doit différer de l'actuel." },
  }),
};
