//! Spanish strings (to be reviewed by a native speaker: see the README, "Languages").

use super::{Catalogue, PerPlatform, PlatformTexts, PlatformWords};

pub static ES: Catalogue = Catalogue {
    lang: "es",
    display_title: "Pantalla de la cooperativa",
    platforms: &PLATFORMS_ES,
    scan_to_join: "Escanea para unirte",
    groups_title: "Los grupos",
    continued: "continuación",
    no_groups: "Los grupos llegan pronto: escanea el código QR para unirte.",
    tip: "Consejo",
    announcement: "Aviso",
    sleeping: "La tienda está cerrada",
    sleeping_hint: "¡Hasta pronto!",
    page_of: "{n} de {total}",
    poster_title: "Cartel del código QR",
    print_button: "Imprimir",
    print_hint: "A4 vertical. En la ventana de impresión, deja los márgenes por defecto y desmarca «Encabezados y pies de página».",
    example_link_warning: "Atención: este código QR todavía lleva al enlace de ejemplo. Cambia el enlace de invitación en la administración antes de imprimir.",
    or_type_link: "O abre este enlace:",
    platform_generic: "la aplicación de mensajería",
    guide_title: "Guía de uso",
    guide_open_link: "Abrir el enlace de invitación",
    guide_tips_title: "Buenas prácticas",
    guide_join_group: "Unirse a este grupo",
    guide_privacy_title: "Privacidad y plataforma",
    guide_platform_privacy: PerPlatform {
        whatsapp: "WhatsApp es una aplicación de la empresa Meta. Tus mensajes están cifrados, pero Meta sabe quién escribe a quién y cuándo, y esos datos pueden salir de Europa. Los miembros de los grupos a los que te unes ven tu número de teléfono.",
        signal: "Signal es una aplicación libre gestionada por una fundación sin ánimo de lucro. Tus mensajes están cifrados y Signal guarda muy pocos datos. Por defecto, los demás miembros no ven tu número.",
        telegram: "Telegram es el servicio de una empresa privada. Los mensajes de los grupos no están cifrados de extremo a extremo: Telegram puede leerlos. Puedes ocultar tu número en los ajustes de privacidad.",
        matrix: "Matrix es una red abierta y descentralizada. Tus mensajes los guardan los servidores de los participantes; no hace falta número de teléfono.",
        other: "Infórmate de lo que hace la aplicación de la comunidad con tus datos y tu número de teléfono.",
    },
    guide_privacy: [
        "Puedes salir de un grupo cuando quieras. No compartas los datos de otro miembro sin su permiso.",
        "Si algún día la cooperativa elige otra herramienta, esta guía y el código QR de la tienda cambiarán con ella: bastará con escanear el nuevo.",
    ],
    move_title: "Cambiamos de aplicación",
    move_now: "Hoy: {platform}",
    move_next: "Pronto: {platform}",
    move_on: "A partir del {date}",
    group_moved: "ya en {platform}",
    date_format: "{d} de {m} de {y}",
    months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    year: super::plain_year,
};

pub static PLATFORMS_ES: PlatformTexts = PlatformTexts {
    whatsapp_community: PlatformWords {
        join_steps: [
            "Abre la cámara de tu teléfono y apunta al código QR",
            "Toca el enlace que aparece: WhatsApp abre la comunidad",
            "Toca «Unirse a la comunidad» y elige tus grupos",
        ],
        join_title: "Unirse a la comunidad",
        ask_title: "Pedir unirse a un grupo",
        ask_steps: [
            "En WhatsApp, abre la comunidad: aparece la lista de sus grupos",
            "Toca el grupo que te interesa y luego «Solicitar unirse»",
            "Un administrador acepta tu solicitud: el grupo aparece en tus chats",
        ],
        pending: "pronto en la comunidad",
    },
    whatsapp_group: PlatformWords {
        join_steps: [
            "Abre la cámara de tu teléfono y apunta al código QR",
            "Toca el enlace que aparece: WhatsApp abre el grupo",
            "Toca «Unirse al grupo»",
        ],
        join_title: "Unirse al grupo",
        ask_title: "Unirse a otros grupos",
        ask_steps: [
            "Cada grupo tiene su propio enlace: en esta guía, o pídelo en la entrada",
            "Abre el enlace del grupo que te interesa: WhatsApp abre ese grupo",
            "Toca «Unirse al grupo»",
        ],
        pending: "enlace disponible pronto",
    },
    signal: PlatformWords {
        join_steps: [
            "Abre la cámara de tu teléfono y apunta al código QR",
            "Toca el enlace que aparece: Signal abre el grupo",
            "Toca «Unirse al grupo» (instala Signal antes, si hace falta)",
        ],
        join_title: "Unirse al grupo",
        ask_title: "Unirse a otros grupos",
        ask_steps: [
            "Signal no tiene comunidades: cada grupo tiene su propio enlace, en esta guía o en la entrada",
            "Abre el enlace del grupo que te interesa: Signal abre ese grupo",
            "Toca «Unirse al grupo»; si el grupo lo pide, un administrador te acepta",
        ],
        pending: "enlace disponible pronto",
    },
    telegram: PlatformWords {
        join_steps: [
            "Abre la cámara de tu teléfono y apunta al código QR",
            "Toca el enlace que aparece: Telegram abre el grupo",
            "Toca «Unirse al grupo»",
        ],
        join_title: "Unirse al grupo",
        ask_title: "Unirse a otros grupos",
        ask_steps: [
            "Cada grupo de Telegram tiene su propio enlace, en esta guía o en la entrada",
            "Abre el enlace del grupo que te interesa: Telegram abre ese grupo",
            "Toca «Unirse al grupo»; si el grupo lo pide, un administrador te acepta",
        ],
        pending: "enlace disponible pronto",
    },
    matrix_space: PlatformWords {
        join_steps: [
            "Abre la cámara de tu teléfono y apunta al código QR",
            "Toca el enlace y elige una aplicación de Matrix (Element, por ejemplo)",
            "Toca «Unirse al espacio» y elige tus salas",
        ],
        join_title: "Unirse al espacio",
        ask_title: "Unirse a una sala",
        ask_steps: [
            "En tu aplicación de Matrix, abre el espacio: aparece la lista de sus salas",
            "Toca la sala que te interesa y luego «Unirse»",
            "La sala aparece en tu lista de chats",
        ],
        pending: "pronto en el espacio",
    },
    matrix_room: PlatformWords {
        join_steps: [
            "Abre la cámara de tu teléfono y apunta al código QR",
            "Toca el enlace y elige una aplicación de Matrix (Element, por ejemplo)",
            "Toca «Unirse a la sala»",
        ],
        join_title: "Unirse a la sala",
        ask_title: "Unirse a otras salas",
        ask_steps: [
            "Cada sala tiene su propio enlace, en esta guía o en la entrada",
            "Abre el enlace de la sala que te interesa con tu aplicación de Matrix",
            "Toca «Unirse»: la sala aparece en tus chats",
        ],
        pending: "enlace disponible pronto",
    },
    other: PlatformWords {
        join_steps: [
            "Abre la cámara de tu teléfono y apunta al código QR",
            "Toca el enlace que aparece: se abre la aplicación de mensajería",
            "Sigue sus indicaciones para unirte",
        ],
        join_title: "Únete",
        ask_title: "Unirse a otros grupos",
        ask_steps: [
            "Cada grupo tiene su propio enlace, en esta guía o en la entrada",
            "Abre el enlace del grupo que te interesa",
            "Sigue las indicaciones de la aplicación para unirte",
        ],
        pending: "enlace disponible pronto",
    },
};
