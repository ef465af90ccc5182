//! French strings (the default).

use super::{Catalogue, PerPlatform, PlatformTexts, PlatformWords};

pub static FR: Catalogue = Catalogue {
    lang: "fr",
    display_title: "Écran de la coop",
    platforms: &PLATFORMS_FR,
    scan_to_join: "Scannez pour rejoindre",
    groups_title: "Les groupes",
    continued: "suite",
    no_groups: "Les groupes arrivent bientôt : scannez le QR code pour nous rejoindre.",
    tip: "Astuce",
    announcement: "Annonce",
    sleeping: "Le magasin est fermé",
    sleeping_hint: "À bientôt !",
    page_of: "{n} sur {total}",
    poster_title: "Affiche du QR code",
    print_button: "Imprimer",
    print_hint: "Format A4 portrait. Dans la fenêtre d'impression, gardez les marges par défaut et décochez « En-têtes et pieds de page ».",
    example_link_warning: "Attention : ce QR code mène encore au lien d'exemple. Remplacez le lien d'invitation dans l'administration avant d'imprimer.",
    or_type_link: "Ou ouvrez ce lien :",
    platform_generic: "l'application de messagerie",
    guide_title: "Guide d'utilisation",
    guide_open_link: "Ouvrir le lien d'invitation",
    guide_tips_title: "Bon usage",
    guide_join_group: "Rejoindre ce groupe",
    guide_privacy_title: "Vie privée et plateforme",
    guide_platform_privacy: PerPlatform {
        whatsapp: "WhatsApp est une application de l'entreprise Meta. Vos messages sont chiffrés, mais Meta sait qui écrit à qui et quand, et ces données peuvent partir hors d'Europe. Les membres des groupes que vous rejoignez voient votre numéro de téléphone.",
        signal: "Signal est une application libre gérée par une fondation sans but lucratif. Vos messages sont chiffrés et Signal garde très peu de données. Par défaut, votre numéro n'est pas montré aux autres membres.",
        telegram: "Telegram est le service d'une entreprise privée. Les messages des groupes n'y sont pas chiffrés de bout en bout : Telegram peut les lire. Vous pouvez cacher votre numéro dans les réglages de confidentialité.",
        matrix: "Matrix est un réseau ouvert et décentralisé. Vos messages sont gardés par les serveurs des participants ; aucun numéro de téléphone n'est nécessaire.",
        other: "Renseignez-vous sur ce que l'application de la communauté fait de vos données et de votre numéro de téléphone.",
    },
    guide_privacy: [
        "Vous pouvez quitter un groupe à tout moment. Ne partagez pas les coordonnées d'un autre membre sans son accord.",
        "Si la coop choisit un jour un autre outil, ce guide et le QR code du magasin changeront avec elle : il suffira de scanner le nouveau.",
    ],
    move_title: "Nous changeons d'application",
    move_now: "Aujourd'hui : {platform}",
    move_next: "Bientôt : {platform}",
    move_on: "À partir du {date}",
    group_moved: "déjà sur {platform}",
    date_format: "{d} {m} {y}",
    months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    year: super::plain_year,
};

pub static PLATFORMS_FR: PlatformTexts = PlatformTexts {
    whatsapp_community: PlatformWords {
        join_steps: [
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien qui apparaît : WhatsApp s'ouvre sur la communauté",
            "Touchez « Rejoindre la communauté », puis choisissez vos groupes",
        ],
        join_title: "Rejoindre la communauté",
        ask_title: "Demander à rejoindre un groupe",
        ask_steps: [
            "Dans WhatsApp, ouvrez la communauté : la liste de ses groupes s'affiche",
            "Touchez le groupe qui vous intéresse, puis « Demander à rejoindre »",
            "Un administrateur valide votre demande : le groupe apparaît dans vos discussions",
        ],
        pending: "bientôt dans la communauté",
    },
    whatsapp_group: PlatformWords {
        join_steps: [
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien qui apparaît : WhatsApp s'ouvre sur le groupe",
            "Touchez « Rejoindre le groupe »",
        ],
        join_title: "Rejoindre le groupe",
        ask_title: "Rejoindre d'autres groupes",
        ask_steps: [
            "Chaque groupe a son propre lien : dans ce guide, ou demandez-le à l'accueil",
            "Ouvrez le lien du groupe qui vous intéresse : WhatsApp s'ouvre sur ce groupe",
            "Touchez « Rejoindre le groupe »",
        ],
        pending: "lien bientôt disponible",
    },
    signal: PlatformWords {
        join_steps: [
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien qui apparaît : Signal s'ouvre sur le groupe",
            "Touchez « Rejoindre le groupe » (installez Signal avant, si besoin)",
        ],
        join_title: "Rejoindre le groupe",
        ask_title: "Rejoindre d'autres groupes",
        ask_steps: [
            "Signal n'a pas de communautés : chaque groupe a son propre lien, dans ce guide ou à l'accueil",
            "Ouvrez le lien du groupe qui vous intéresse : Signal s'ouvre sur ce groupe",
            "Touchez « Rejoindre le groupe » ; si le groupe le demande, un administrateur valide",
        ],
        pending: "lien bientôt disponible",
    },
    telegram: PlatformWords {
        join_steps: [
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien qui apparaît : Telegram s'ouvre sur le groupe",
            "Touchez « Rejoindre le groupe »",
        ],
        join_title: "Rejoindre le groupe",
        ask_title: "Rejoindre d'autres groupes",
        ask_steps: [
            "Chaque groupe Telegram a son propre lien, dans ce guide ou à l'accueil",
            "Ouvrez le lien du groupe qui vous intéresse : Telegram s'ouvre sur ce groupe",
            "Touchez « Rejoindre le groupe » ; si le groupe le demande, un administrateur valide",
        ],
        pending: "lien bientôt disponible",
    },
    matrix_space: PlatformWords {
        join_steps: [
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien, puis choisissez une application Matrix (Element, par exemple)",
            "Touchez « Rejoindre l'espace », puis choisissez vos salons",
        ],
        join_title: "Rejoindre l'espace",
        ask_title: "Rejoindre un salon",
        ask_steps: [
            "Dans votre application Matrix, ouvrez l'espace : la liste de ses salons s'affiche",
            "Touchez le salon qui vous intéresse, puis « Rejoindre »",
            "Le salon apparaît dans votre liste de discussions",
        ],
        pending: "bientôt dans l'espace",
    },
    matrix_room: PlatformWords {
        join_steps: [
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien, puis choisissez une application Matrix (Element, par exemple)",
            "Touchez « Rejoindre le salon »",
        ],
        join_title: "Rejoindre le salon",
        ask_title: "Rejoindre d'autres salons",
        ask_steps: [
            "Chaque salon a son propre lien, dans ce guide ou à l'accueil",
            "Ouvrez le lien du salon qui vous intéresse dans votre application Matrix",
            "Touchez « Rejoindre » : le salon apparaît dans vos discussions",
        ],
        pending: "lien bientôt disponible",
    },
    other: PlatformWords {
        join_steps: [
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien qui apparaît : l'application de messagerie s'ouvre",
            "Suivez ses indications pour nous rejoindre",
        ],
        join_title: "Nous rejoindre",
        ask_title: "Rejoindre d'autres groupes",
        ask_steps: [
            "Chaque groupe a son propre lien, dans ce guide ou à l'accueil",
            "Ouvrez le lien du groupe qui vous intéresse",
            "Suivez les indications de l'application pour le rejoindre",
        ],
        pending: "lien bientôt disponible",
    },
};
