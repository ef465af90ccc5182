//! French strings (the default).

use super::{Catalogue, PerPlatform};

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
    poster_title: "Affiche du QR code",
    print_button: "Imprimer",
    print_hint: "Format A4 portrait. Dans la fenêtre d'impression, gardez les marges par défaut et décochez « En-têtes et pieds de page ».",
    example_link_warning: "Attention : ce QR code mène encore au lien d'exemple. Remplacez le lien d'invitation dans l'administration avant d'imprimer.",
    or_type_link: "Ou ouvrez ce lien :",
    platform_generic: "l'application de messagerie",
    guide_title: "Guide d'utilisation",
    guide_join_title: "Rejoindre la communauté",
    guide_open_link: "Ouvrir le lien d'invitation",
    guide_ask_title: "Demander à rejoindre un groupe",
    guide_ask_steps: [
        "Dans {platform}, ouvrez la communauté : la liste de ses groupes s'affiche",
        "Touchez le groupe qui vous intéresse, puis « Demander à rejoindre »",
        "Un administrateur valide votre demande : le groupe apparaît dans vos discussions",
    ],
    guide_tips_title: "Bon usage",
    guide_join_group: "Rejoindre ce groupe",
    guide_privacy_title: "Vie privée et plateforme",
    guide_platform_privacy: PerPlatform {
        whatsapp: "La communauté utilise WhatsApp, une application de l'entreprise Meta. Vos messages sont chiffrés, mais Meta sait qui écrit à qui et quand, et ces données peuvent partir hors d'Europe. Les membres des groupes que vous rejoignez voient votre numéro de téléphone.",
        signal: "La communauté utilise Signal, une application libre gérée par une fondation sans but lucratif. Vos messages sont chiffrés et Signal garde très peu de données. Par défaut, votre numéro n'est pas montré aux autres membres.",
        telegram: "La communauté utilise Telegram, le service d'une entreprise privée. Les messages des groupes n'y sont pas chiffrés de bout en bout : Telegram peut les lire. Vous pouvez cacher votre numéro dans les réglages de confidentialité.",
        matrix: "La communauté utilise Matrix, un réseau ouvert et décentralisé. Vos messages sont gardés par les serveurs des participants ; aucun numéro de téléphone n'est nécessaire.",
        other: "Renseignez-vous sur ce que l'application de la communauté fait de vos données et de votre numéro de téléphone.",
    },
    guide_privacy: [
        "Vous pouvez quitter un groupe, ou la communauté, à tout moment. Ne partagez pas les coordonnées d'un autre membre sans son accord.",
        "Si la coop choisit un jour un autre outil, ce guide et le QR code du magasin changeront avec elle : il suffira de scanner le nouveau.",
    ],
};
