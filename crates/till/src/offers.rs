//! The countries a store may sell in and the providers a till may offer, and which providers each
//! country offers: Peru aCuotaz and aPagos, Spain Aplazame. A leaf (serde only), so that the error
//! type can name a provider a country refused without importing the rest of [`crate::country`]
//! (currency, time zone, documents), which re-exports these.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where the store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Country {
    /// Peru: soles, America/Lima, DNI and RUC, aCuotaz and aPagos. Every till before countries existed.
    #[default]
    #[serde(rename = "PE")]
    Peru,
    /// Spain: euros, Europe/Madrid, DNI and NIE with their control letter and CIF/NIF, Aplazame.
    #[serde(rename = "ES")]
    Spain,
}

/// A provider a till may offer, by the country it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// aCuotaz (Apurata): down payments and credit sales.
    Acuotaz,
    /// aPagos (Apurata): bank-transfer vouchers.
    Apagos,
    /// Aplazame: point-of-sale financing.
    Aplazame,
}

impl Country {
    pub const ALL: [Country; 2] = [Country::Peru, Country::Spain];

    /// ISO 3166-1 alpha-2, as saved and as typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Country::Peru => "PE",
            Country::Spain => "ES",
        }
    }

    /// The providers a till in this country offers.
    pub fn providers(self) -> &'static [Provider] {
        match self {
            Country::Peru => &[Provider::Acuotaz, Provider::Apagos],
            Country::Spain => &[Provider::Aplazame],
        }
    }

    pub fn offers(self, provider: Provider) -> bool {
        self.providers().contains(&provider)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
