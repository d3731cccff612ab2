//! Who is at the till: signing in, creating the first supervisor on a new till, and the fields of a
//! supervisor's approval that several screens ask for.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("signin.firstTitle", "Bienvenido a Caja", "Welcome to Caja"),
    (
        "signin.firstLead",
        "Primero cree el supervisor de esta caja: autoriza anulaciones, cambios de modo y agrega a los cajeros.",
        "First create this till's supervisor: they approve undos and mode changes, and add the cashiers.",
    ),
    (
        "signin.title",
        "¿Quién atiende la caja?",
        "Who is at the till?",
    ),
    (
        "signin.lead",
        "Elija su nombre y escriba su PIN.",
        "Choose your name and type your PIN.",
    ),
    ("signin.who", "Personas de esta caja", "People of this till"),
    ("signin.name", "Nombre del supervisor", "Supervisor's name"),
    (
        "signin.newPin",
        "PIN (4 a 8 números)",
        "PIN (4 to 8 digits)",
    ),
    ("signin.pinAgain", "Repita el PIN", "Repeat the PIN"),
    ("signin.pinOf", "PIN de {name}", "PIN for {name}"),
    (
        "signin.pinHint",
        "El PIN no se muestra ni se guarda: Caja guarda solo una huella (argon2id).",
        "The PIN is never shown nor stored: Caja keeps only a fingerprint of it (argon2id).",
    ),
    (
        "signin.pinsDiffer",
        "Los dos PIN no coinciden. Escríbalos de nuevo.",
        "The two PINs differ. Type them again.",
    ),
    ("signin.create", "Crear supervisor", "Create supervisor"),
    ("signin.enter", "Ingresar", "Sign in"),
    (
        "signin.lockedUntil",
        "Bloqueado hasta las {time}",
        "Locked until {time}",
    ),
    (
        "approval.legend",
        "Autorización de un supervisor",
        "A supervisor's approval",
    ),
    ("approval.supervisor", "Supervisor", "Supervisor"),
    ("approval.pin", "PIN del supervisor", "Supervisor's PIN"),
    (
        "approval.reason",
        "Motivo (queda en el registro de auditoría)",
        "Reason (kept in the audit record)",
    ),
    ("country.label", "País de la tienda", "The store's country"),
    ("country.PE", "Perú (soles)", "Peru (soles)"),
    ("country.ES", "España (euros)", "Spain (euros)"),
    (
        "country.hint",
        "Perú: aCuotaz y aPagos; España: Aplazame. Cambiarlo después pide un supervisor.",
        "Peru: aCuotaz and aPagos; Spain: Aplazame. Changing it later needs a supervisor.",
    ),
];
