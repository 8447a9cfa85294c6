/** French texts: the reasons the server gives for a refused field (`details.issues[].key`, with its values). */
export const serverIssues = {
  serverIssues: {
    user: {
      usernameTaken: "Cet identifiant est déjà pris.",
      roleNotAllowed: "Vous ne pouvez pas donner ce rôle.",
      lastAdmin: "C'est le dernier administrateur actif.",
    },
    userScope: {
      required: "Ce rôle demande ce champ.",
      notAllowed: "Ce rôle ne prend pas ce champ.",
      facilityLevel: "Ce rôle ne travaille pas dans un établissement de ce niveau.",
    },
    facility: {
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
      required: "Obligatoire : {{column}}.",
      unknownProduct: "Produit inconnu : {{code}}.",
      unknownProgramme: "Programme inconnu : {{value}}.",
    },
    password: { same: "Le nouveau mot de passe doit différer de l'actuel." },
  },
};
