//! Words about the store's country: its name, the providers' names, and the refusal of a provider the
//! country does not offer (which provider, what this till is set up for, and how a supervisor changes
//! it).

use till::country::{Country, Provider};

use super::{Lang, say};

/// The country's name as the cashier reads it.
pub fn country_name(lang: Lang, country: Country) -> &'static str {
    match (country, lang) {
        (Country::Peru, Lang::Es) => "Perú",
        (Country::Peru, Lang::En) => "Peru",
        (Country::Spain, Lang::Es) => "España",
        (Country::Spain, Lang::En) => "Spain",
    }
}

/// The provider's own name (the same in both languages).
pub fn provider_name(provider: Provider) -> &'static str {
    match provider {
        Provider::Acuotaz => "aCuotaz",
        Provider::Apagos => "aPagos",
        Provider::Aplazame => "Aplazame",
    }
}

/// `TillError::NotOffered`: nothing was journaled or sent; the fix is the store's country.
pub(super) fn not_offered(lang: Lang, provider: Provider, country: Country) -> String {
    let name = provider_name(provider);
    let offered = country
        .providers()
        .iter()
        .map(|p| provider_name(*p))
        .collect::<Vec<_>>()
        .join(say(lang, " y ", " and ").as_str());
    let other = Country::ALL
        .into_iter()
        .find(|c| c.offers(provider))
        .unwrap_or(country);
    let (here, there, code) = (
        country_name(lang, country),
        country_name(lang, other),
        other.code(),
    );
    say(
        lang,
        format!(
            "Esta caja está configurada para {here}: aquí no se ofrece {name} (solo {offered}). No se \
             registró ni se envió nada. Si la tienda está en {there}, un supervisor cambia el país de \
             la tienda en Ajustes o con «caja settings set --country {code}»."
        ),
        format!(
            "This till is set up for {here}: {name} is not offered here (only {offered}). Nothing was \
             recorded or sent. If the store is in {there}, a supervisor changes the store's country in \
             Ajustes or with «caja settings set --country {code}»."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use till::TillError;

    #[test]
    fn the_refusal_names_the_provider_the_country_and_the_fix() {
        let error = TillError::NotOffered {
            provider: Provider::Acuotaz,
            country: Country::Spain,
        };
        let spanish = super::super::till_error(Lang::Es, &error);
        assert!(spanish.contains("configurada para España"), "{spanish}");
        assert!(spanish.contains("no se ofrece aCuotaz"), "{spanish}");
        assert!(spanish.contains("solo Aplazame"), "{spanish}");
        assert!(spanish.contains("--country PE"), "{spanish}");
        let english = super::super::till_error(Lang::En, &error);
        assert!(english.contains("set up for Spain"), "{english}");
        assert!(english.contains("in Ajustes"), "{english}");
        let peru = TillError::NotOffered {
            provider: Provider::Aplazame,
            country: Country::Peru,
        };
        let spanish = super::super::till_error(Lang::Es, &peru);
        assert!(spanish.contains("solo aCuotaz y aPagos"), "{spanish}");
        assert!(spanish.contains("--country ES"), "{spanish}");
        assert_eq!(peru.code(), "provider_not_offered");
    }
}
