//! Basque strings (to be reviewed by a native speaker: see the README, "Languages").
//!
//! Phones in Bayonne show their apps in French, so the buttons to touch are quoted as the
//! French screens name them, in guillemets held to their words by no-break spaces.

use super::{Catalogue, PerPlatform, PlatformTexts, PlatformWords};

pub static EU: Catalogue = Catalogue {
    lang: "eu",
    display_title: "Kooperatibaren pantaila",
    platforms: &PLATFORMS_EU,
    scan_to_join: "Eskaneatu sartzeko",
    groups_title: "Taldeak",
    continued: "jarraipena",
    no_groups: "Taldeak laster: eskaneatu QR kodea gurekin bat egiteko.",
    tip: "Aholkua",
    announcement: "Oharra",
    sleeping: "Denda itxita dago",
    sleeping_hint: "Laster arte!",
    page_of: "{n}/{total}",
    poster_title: "QR kodearen afixa",
    print_button: "Inprimatu",
    print_hint: "A4 bertikala. Inprimatzeko leihoan, utzi marjina lehenetsiak eta kendu goiburuak eta orri-oinak.",
    example_link_warning: "Kontuz: QR kode honek adibideko estekara darama oraindik. Aldatu gonbidapen-esteka administrazioan inprimatu aurretik.",
    or_type_link: "Edo ireki esteka hau:",
    platform_generic: "mezularitza-aplikazioa",
    guide_title: "Erabilera-gida",
    guide_open_link: "Ireki gonbidapen-esteka",
    guide_tips_title: "Erabilera ona",
    guide_join_group: "Sartu talde honetan",
    guide_privacy_title: "Pribatutasuna eta plataforma",
    guide_platform_privacy: PerPlatform {
        whatsapp: "WhatsApp Meta enpresaren aplikazioa da. Zure mezuak zifratuta daude, baina Metak badaki nork idazten dion nori eta noiz, eta datu horiek Europatik kanpora joan daitezke. Sartzen zaren taldeetako kideek zure telefono-zenbakia ikusten dute.",
        signal: "Signal irabazi-asmorik gabeko fundazio batek kudeatzen duen aplikazio librea da. Zure mezuak zifratuta daude eta Signalek datu gutxi-gutxi gordetzen ditu. Berez, beste kideek ez dute zure zenbakia ikusten.",
        telegram: "Telegram enpresa pribatu baten zerbitzua da. Taldeetako mezuak ez daude muturretik muturrera zifratuta: Telegramek irakur ditzake. Zure zenbakia ezkuta dezakezu pribatutasun-ezarpenetan.",
        matrix: "Matrix sare ireki eta deszentralizatua da. Parte-hartzaileen zerbitzariek gordetzen dituzte zure mezuak; ez da telefono-zenbakirik behar.",
        other: "Jakin ezazu komunitatearen aplikazioak zer egiten duen zure datuekin eta telefono-zenbakiarekin.",
    },
    guide_privacy: [
        "Nahi duzunean utz dezakezu talde bat. Ez partekatu beste kide baten datuak haren baimenik gabe.",
        "Kooperatibak noizbait beste tresna bat aukeratzen badu, gida hau eta dendako QR kodea harekin batera aldatuko dira: berria eskaneatzea aski izango da.",
    ],
    move_title: "Aplikazioz aldatzen gara",
    move_now: "Gaur: {platform}",
    move_next: "Laster: {platform}",
    move_on: "Aldaketa: {date}",
    group_moved: "{platform}-en jadanik",
    date_format: "{y} {m} {d}a",
    months: ["urtarrilaren", "otsailaren", "martxoaren", "apirilaren", "maiatzaren", "ekainaren", "uztailaren", "abuztuaren", "irailaren", "urriaren", "azaroaren", "abenduaren"],
    year: year_genitive,
};

/// "2027ko", "2030eko": the year with the genitive ending its spoken form asks for (it ends
/// in a vowel except after "bat" (1), "hamar" (10, 30…) and "ehun" (100)).
fn year_genitive(year: i32) -> String {
    let last = year.rem_euclid(100);
    let hundreds = year.rem_euclid(1000) / 100;
    let after_consonant = match last {
        0 => hundreds != 0,
        n => n % 20 == 1 || n % 20 == 10,
    };
    format!("{year}{}", if after_consonant { "eko" } else { "ko" })
}

pub static PLATFORMS_EU: PlatformTexts = PlatformTexts {
    whatsapp_community: PlatformWords {
        join_steps: [
            "Ireki telefonoaren kamera eta zuzendu QR kodera",
            "Sakatu agertzen den esteka: WhatsAppek komunitatea irekiko du",
            "Sakatu « Rejoindre la communauté » eta aukeratu zure taldeak",
        ],
        join_title: "Komunitatean sartu",
        ask_title: "Talde batean sartzeko eskatu",
        ask_steps: [
            "WhatsAppen, ireki komunitatea: bere taldeen zerrenda agertuko da",
            "Sakatu interesatzen zaizun taldea, gero « Demander à rejoindre »",
            "Administratzaile batek onartzen du: taldea zure txatetan agertuko da",
        ],
        pending: "laster komunitatean",
    },
    whatsapp_group: PlatformWords {
        join_steps: [
            "Ireki telefonoaren kamera eta zuzendu QR kodera",
            "Sakatu agertzen den esteka: WhatsAppek taldea irekiko du",
            "Sakatu « Rejoindre le groupe »",
        ],
        join_title: "Taldean sartu",
        ask_title: "Beste taldeetan sartu",
        ask_steps: [
            "Talde bakoitzak bere esteka du: gida honetan, edo galdetu harreran",
            "Ireki interesatzen zaizun taldearen esteka: WhatsAppek talde hori irekiko du",
            "Sakatu « Rejoindre le groupe »",
        ],
        pending: "esteka laster",
    },
    signal: PlatformWords {
        join_steps: [
            "Ireki telefonoaren kamera eta zuzendu QR kodera",
            "Sakatu agertzen den esteka: Signalek taldea irekiko du",
            "Sakatu « Rejoindre le groupe » (instalatu Signal lehenago, behar bada)",
        ],
        join_title: "Taldean sartu",
        ask_title: "Beste taldeetan sartu",
        ask_steps: [
            "Signalek ez du komunitaterik: talde bakoitzak bere esteka du, gida honetan edo harreran",
            "Ireki interesatzen zaizun taldearen esteka: Signalek talde hori irekiko du",
            "Sakatu « Rejoindre le groupe »; taldeak eskatzen badu, administratzaile batek onartzen du",
        ],
        pending: "esteka laster",
    },
    telegram: PlatformWords {
        join_steps: [
            "Ireki telefonoaren kamera eta zuzendu QR kodera",
            "Sakatu agertzen den esteka: Telegramek taldea irekiko du",
            "Sakatu « Rejoindre le groupe »",
        ],
        join_title: "Taldean sartu",
        ask_title: "Beste taldeetan sartu",
        ask_steps: [
            "Telegrameko talde bakoitzak bere esteka du, gida honetan edo harreran",
            "Ireki interesatzen zaizun taldearen esteka: Telegramek talde hori irekiko du",
            "Sakatu « Rejoindre le groupe »; taldeak eskatzen badu, administratzaile batek onartzen du",
        ],
        pending: "esteka laster",
    },
    matrix_space: PlatformWords {
        join_steps: [
            "Ireki telefonoaren kamera eta zuzendu QR kodera",
            "Sakatu esteka eta aukeratu Matrix aplikazio bat (Element, adibidez)",
            "Sakatu « Rejoindre l'espace » eta aukeratu zure gelak",
        ],
        join_title: "Gunean sartu",
        ask_title: "Gela batean sartu",
        ask_steps: [
            "Zure Matrix aplikazioan, ireki gunea: bere gelen zerrenda agertuko da",
            "Sakatu interesatzen zaizun gela, gero « Rejoindre »",
            "Gela zure txaten zerrendan agertuko da",
        ],
        pending: "laster gunean",
    },
    matrix_room: PlatformWords {
        join_steps: [
            "Ireki telefonoaren kamera eta zuzendu QR kodera",
            "Sakatu esteka eta aukeratu Matrix aplikazio bat (Element, adibidez)",
            "Sakatu « Rejoindre le salon »",
        ],
        join_title: "Gelan sartu",
        ask_title: "Beste geletan sartu",
        ask_steps: [
            "Gela bakoitzak bere esteka du, gida honetan edo harreran",
            "Ireki interesatzen zaizun gelaren esteka zure Matrix aplikazioan",
            "Sakatu « Rejoindre »: gela zure txatetan agertuko da",
        ],
        pending: "esteka laster",
    },
    other: PlatformWords {
        join_steps: [
            "Ireki telefonoaren kamera eta zuzendu QR kodera",
            "Sakatu agertzen den esteka: mezularitza-aplikazioa irekiko da",
            "Jarraitu haren argibideak gurekin bat egiteko",
        ],
        join_title: "Gurekin bat egin",
        ask_title: "Beste taldeetan sartu",
        ask_steps: [
            "Talde bakoitzak bere esteka du, gida honetan edo harreran",
            "Ireki interesatzen zaizun taldearen esteka",
            "Jarraitu aplikazioaren argibideak taldean sartzeko",
        ],
        pending: "esteka laster",
    },
};

#[cfg(test)]
mod tests {
    use super::year_genitive;

    #[test]
    fn the_year_takes_the_ending_its_spoken_form_asks_for() {
        for (year, said) in [
            (2027, "2027ko"),
            (2030, "2030eko"),
            (2021, "2021eko"),
            (2031, "2031ko"),
            (2040, "2040ko"),
            (2000, "2000ko"),
            (2100, "2100eko"),
        ] {
            assert_eq!(year_genitive(year), said);
        }
    }
}
