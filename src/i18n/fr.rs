//! French strings (the default).

use super::Catalogue;

pub static FR: Catalogue = Catalogue {
    lang: "fr",
    display_title: "Écran de la coop",
    join_steps: [
        "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
        "Touchez le lien qui apparaît : {platform} s'ouvre",
        "Touchez « Rejoindre », puis choisissez vos groupes",
    ],
    scan_to_join: "Scannez pour rejoindre",
    groups_title: "Les groupes",
    continued: "suite",
    no_groups: "Les groupes arrivent bientôt : scannez le QR code pour rejoindre la communauté.",
    not_yet_in_community: "bientôt dans la communauté",
    tip: "Astuce",
    announcement: "Annonce",
    sleeping: "Le magasin est fermé",
    sleeping_hint: "À bientôt !",
    page_of: "sur",
};
