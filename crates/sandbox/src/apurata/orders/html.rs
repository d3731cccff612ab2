//! The provider's HTML, as the document shows it: the add-on (`pay-with-apurata-add-on/{amount}`),
//! whose figure is the amount split into `max_steps` installments, and the info-steps block. Both
//! carry a `<style>`, links and images on purpose: the till must treat them as remote markup and
//! sanitize them, never trust them as code.

use providers::money::Soles;

/// The add-on for `amount`, split into `steps` installments ("desde S/18.45"), rounded half up to
/// the céntimo with integer arithmetic.
pub(crate) fn add_on(amount: Soles, steps: u32) -> String {
    let steps = i64::from(steps.max(1));
    let centimos = (amount.centimos() + steps / 2) / steps;
    let per_step = format!("S/{}.{:02}", centimos / 100, centimos % 100);
    format!(
        r#"<style>
    /* Apurata style*/
    #pay-with-apurata {{ display: inline-flex; align-items: center; gap: 4px; cursor: help; }}
    #pay-with-apurata img {{ height: 18px; }}
</style>
<div id="pay-with-apurata" title="- Desde 0% de interés
    - Sin tarjeta de crédito
    - Hasta {steps} cuotas
    - Aprobación instantánea" tabindex="0">
    <span>Paga tu compra en partes, desde {per_step} con</span>
    <a href="https://apurata.com/app/partners/acuotaz">
        <img src="https://static.apurata.com/img/logo-dark-aCuotaz.svg" alt="aCuotaz">
    </a>
</div>
"#
    )
}

/// The info-steps block, linking to `client_id`'s partner page.
pub(crate) fn info_steps(client_id: &str) -> String {
    let client: String = client_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    format!(
        r#"<style>
    /* Apurata style*/
    .apurata-checkout {{ font-family: sans-serif; }}
</style>
<div class="apurata-checkout">
    <p class="title">Paga en Cuotas SIN TARJETA DE CR&#201;DITO</p>
    <div class="steps">
        <div class="step">
            <img src="https://static.apurata.com/img/pos/clock.svg">
            <br>
            <p class="text-center">Entrega Inmediata</p>
        </div>
        <div class="step">
            <img src="https://static.apurata.com/img/pos/form.svg">
            <br>
            <p class="text-center">Aprobación Instantánea</p>
        </div>
    </div>
    <div class="requeriments">
        <p class="title">Requisitos:</p>
        <ul class="list">
            <li>No estar reportado en <b>infocorp</b></li>
            <li>DNI <b>vigente</b> o C4 a la mano</li>
        </ul>
    </div>
    <div class="footer">
        <div class="payment">
            <p>Paga tu cuota inicial vía transferencia, tarjeta de débito o crédito</p>
            <img src="https://static.apurata.com/img/pos/all_banks.png" alt="bancos" class="responsive m-1">
        </div>
        <a class="how-work" href="https://apurata.com/app/partners/{client}">
            <b class="question">¿Cómo funciona?</b>
            <img src="https://static.apurata.com/img/logo-white-aCuotaz.svg" alt="aCuotaz"/>
        </a>
    </div>
</div>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_figure_comes_out_of_the_amount() {
        let html = add_on(Soles::from_centimos(14_760), 8);
        assert!(html.contains("desde S/18.45 con"), "{html}");
        assert!(add_on(Soles::from_centimos(10_000), 3).contains("desde S/33.33 con"));
        assert!(add_on(Soles::from_centimos(5), 2).contains("desde S/0.03 con"));
    }
}
