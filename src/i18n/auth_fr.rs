//! French strings of the auth pages (the default).

use super::auth::AuthCatalogue;

pub static AUTH_FR: AuthCatalogue = AuthCatalogue {
    lang: "fr",
    login_title: "Connexion à l'administration",
    setup_title: "Première connexion : choisir le mot de passe",
    setup_intro: "Aucun mot de passe n'est encore défini. Le code d'installation est écrit dans \
                  le journal du serveur et dans le fichier {path} (lisible seulement par \
                  l'administrateur du Raspberry Pi). Il ne sert qu'une fois.",
    setup_code: "Code d'installation",
    first_name: "Votre prénom",
    first_name_hint: "Il apparaît dans l'historique, à côté de chaque modification.",
    password: "Mot de passe",
    new_password: "Nouveau mot de passe",
    new_password_again: "Le même, encore une fois",
    password_rule: "{n} caractères au moins : l'écran est sur un réseau que les clients \
                    peuvent aussi utiliser. Une phrase courte est plus facile à retenir.",
    current_password: "Mot de passe actuel",
    log_in: "Se connecter",
    set_password: "Enregistrer le mot de passe",
    wrong_password: "Mot de passe incorrect.",
    wrong_code:
        "Code d'installation incorrect : recopiez-le depuis le journal ou le fichier setup-code.",
    name_required: "Tapez votre prénom (40 caractères au plus).",
    too_many_attempts: "Trop d'essais manqués depuis cet appareil : réessayez dans {minutes} min.",
    password_too_short: "Mot de passe trop court ({n} caractères) : {min} au moins.",
    password_too_long: "Mot de passe trop long : {max} caractères au plus.",
    passwords_differ: "Les deux mots de passe tapés ne sont pas identiques.",
    password_title: "Changer le mot de passe",
    password_change_note: "Toutes les sessions ouvertes, sur tous les appareils, seront fermées \
                           (sauf celle-ci).",
    log_out: "Se déconnecter",
    forgot: "Mot de passe oublié ? Sur le Raspberry Pi, en SSH : sudo vitrine passwd",
    tokens_title: "Jetons d'API",
    tokens_intro: "Un jeton permet à un script de remplacer le contenu par l'API JSON \
                   (PUT /api/content, en-tête Authorization: Bearer …). Révoquez ceux qui ne \
                   servent plus.",
    token_label: "Nom du jeton (à quoi il sert)",
    token_label_rule: "Donnez au jeton un nom de 1 à 40 caractères, sur une ligne.",
    create_token: "Créer un jeton",
    token_created: "Copiez ce jeton maintenant : il ne sera plus jamais affiché.",
    no_tokens: "Aucun jeton pour l'instant.",
    created_on: "créé le",
    revoke: "Révoquer",
    tokens_damaged: "La liste des jetons d'API est illisible ({error}) : aucun jeton ne \
        fonctionne tant qu'elle n'est pas réparée. Recommencez une liste vide ci-dessous (le \
        fichier abîmé est gardé à côté, renommé), puis recréez les jetons de vos scripts.",
    reset_tokens: "Recommencer une liste de jetons",
    back: "Retour à l'administration",
};
