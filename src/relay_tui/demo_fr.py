"""The sample store's words in French (`relay --demo` when relay speaks French).

The same keys and the same lengths as `relay_tui.demo.EN`, whose structure (dates,
numbers, who is late) they fill: only the words differ, as a French freelancer writes them.
"""

from __future__ import annotations

from typing import Any

FR: dict[str, Any] = {
    # nom, structure, e-mail, téléphone
    "clients": (
        ("Marie Lambert", "Boulangerie Lambert", "marie@lambert.example", "+33 6 12 34 56 78"),
        ("Karim Haddad", "Atelier Nord", "karim@ateliernord.example", ""),
        ("Sophie Roussel", "Roussel & Fils", "sophie@roussel.example", "+33 6 98 76 54 32"),
        ("Thomas Mercier", "Mercier Événements", "thomas@mercier.example", "+33 7 81 23 45 67"),
        ("Léa Martin", "", "lea@martin.example", ""),
    ),
    "projects": {
        "bakery": "Site de la boulangerie",
        "festival": "Affiches du festival",
        "catalogue": "Catalogue Atelier Nord",
        "wedding": "Site du mariage de Léa",
        "shop": "Boutique en ligne Roussel",
        "intranet": "Intranet Roussel",
    },
    "working_method": "Cycles courts, une démo à la fin de chacun",
    "deadlines": (
        "Maquettes validées par Marie",
        "Photos et textes de Marie",
        "Intégration des pages",
        "Mise en ligne",
        "Programmation et logos de Thomas",
        "Affiches chez l'imprimeur",
        "Démo du sprint 3",
        "Droits d'accès validés",
        "Réunion de lancement",
        "Catalogue livré",
    ),
    "contacts": (
        "Lancement à la boulangerie ; Marie voudra la commande en ligne plus tard",
        "Maquettes envoyées pour validation",
        "Relance : les maquettes attendent toujours votre feu vert",
        "Appel de Thomas : la date du festival est fixée, aucune marge",
        "Demandé la programmation définitive et les logos des partenaires",
        "Démo du sprint 2 réussie ; modèle de droits à confirmer",
        "Sophie a confirmé le modèle de droits par e-mail",
        "Premier appel : 120 produits, version papier et version web",
        "Léa a envoyé ses modèles préférés",
        "Boutique livrée ; Sophie ravie du tunnel de commande",
    ),
    # intitulé, parade
    "risks": (
        ("Marie valide en retard et la mise en ligne glisse",
         "Convenir d'un délai de validation de 48 h ; relancer au bout de deux jours"),
        ("Imprimeur débordé la semaine du festival",
         "Réserver dès maintenant le créneau chez l'imprimeur"),
        ("Intégration du SSO plus difficile que prévu", ""),
        ("Données produits incomplètes à l'arrivée", ""),
    ),
    "validations": ("Arborescence du site", "Maquette de la page d'accueil", "Tunnel de commande"),
    "stakeholders": (
        "Marie Lambert",
        "Paul Lambert (co-gérant)",
        "Clients habitués",
        "Thomas Mercier",
        "Mairie",
    ),
    "broken_commitment": "Photos produits arrivées avec trois semaines de retard",
    # ce qui a marché, ce qui n'a pas marché, ce qu'on améliore
    "retrospective": (
        "Les démos hebdomadaires ont mis Sophie en confiance",
        "Les photos produits sont arrivées en retard et on a absorbé le retard sans rien dire",
        "Inscrire au contrat l'échéance des documents et ce qu'entraîne un retard",
    ),
    "lessons": (
        ("Écrire dans le contrat ce qu'entraîne un retard des documents", "contrat,documents"),
        ("Montrer une démo chaque semaine : elle remplace bien des e-mails de suivi",
         "communication"),
        ("Demander avant de commencer qui valide au-dessus du client", "validation,hiérarchie"),
    ),
    # intitulé, faits, ce que dit le contrat, pour le client, pour moi, ce que je propose,
    # prochaine étape
    "incidents": (
        (
            "Créneau d'impression perdu ; Thomas dit que le retard vient de moi",
            "La programmation et les logos sont arrivés trois jours après la date convenue ; "
            "l'imprimeur a donné notre créneau. Thomas a dit à l'équipe que les affiches "
            "sont en retard à cause de moi.",
            "La programmation et les logos devaient venir de Thomas à date fixe (contrat, "
            "article 3).",
            "Les affiches partent chez l'imprimeur deux jours plus tard, encore une semaine "
            "avant le festival.",
            "Deux soirées pour rattraper ; plus aucune marge avant l'impression.",
            "Imprimer tout de suite les deux affiches principales, la troisième lundi.",
            "Confirmer par écrit le nouveau créneau avec Thomas",
        ),
        (
            "Le serveur de test de l'authentification unique est en panne",
            "Le serveur de test de Roussel pour l'authentification unique est en panne "
            "depuis jeudi.",
            "",
            "La connexion ne pourra pas être montrée à la démo du sprint 3.",
            "Une demi-journée perdue ; l'authentification attend le serveur.",
            "Faire la démo avec des comptes de test et passer l'authentification au "
            "sprint suivant.",
            "Prévenir Sophie et convenir du nouveau plan",
        ),
    ),
    # ce que j'ai fait sur la période (mes mots), le point tel qu'il a été envoyé
    "reports": (
        (
            "J'ai terminé l'arborescence et la maquette de la page d'accueil, et préparé "
            "les pages pour l'intégration.",
            "# Site de la boulangerie : où en sommes-nous\n\nL'arborescence est validée ; la "
            "maquette de la page d'accueil attend votre feu vert.\n",
        ),
        (
            "J'ai mis en place le modèle de droits confirmé par Sophie et l'ai montré à la "
            "démo du sprint 2.",
            "# Intranet Roussel : où en sommes-nous\n\nLe sprint 2 est terminé et montré ; "
            "le sprint 3 apporte la connexion.\n",
        ),
    ),
}  # fmt: skip
