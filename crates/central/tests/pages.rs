//! The head office's pages in a real browser (headless Chromium driven through chromedriver) over data
//! pushed through the real till API: a store manager of T01 signs in and sees T01's tills with their
//! amounts, an operation whose outcome is unknown, a closing off by more than the tolerance, a till
//! that stopped sending, a rewritten chain and its hole, and nothing of store T02, not even when the
//! URL names it; the chain admin sees the three stores; the CSV holds the right rows; a wrong password
//! is refused; an enrollment code issued on the admin page enrolls a till; a customer sends a receipt
//! from the phone's page; a store manager chooses their store's desktop version.
//!
//! With `CAJA_CENTRAL_SHOTS` set, the day and admin pages are saved as docs/screenshots/central-*.png.

mod support;

#[path = "pages/browser.rs"]
mod browser;
#[path = "pages/chain.rs"]
mod chain;
#[path = "pages/data.rs"]
mod data;
#[path = "pages/phone.rs"]
mod phone;
#[path = "pages/versions.rs"]
mod versions;

use browser::Browser;
use data::{ADMIN, MANAGER, PASSWORD, a_day_of_three_stores};
use providers::central::signing::TillSigningKey;
use providers::central::wire::EnrollRequest;
use support::{http, start_central};

#[tokio::test]
async fn the_day_in_a_real_browser_for_a_manager_and_an_admin() {
    let central = start_central().await;
    let today = a_day_of_three_stores(&central).await;
    let base = central.base_url();
    let browser = Browser::start().await;

    // Not signed in: every page sends to the sign-in form.
    browser.goto(&format!("{base}/dia")).await;
    assert_eq!(browser.path().await, "/ingresar");
    browser.sign_in(MANAGER, "la-clave-equivocada").await;
    assert!(
        browser
            .text("main")
            .await
            .contains("Correo o contraseña incorrectos.")
    );
    browser.sign_in("nadie@cadena.pe", PASSWORD).await;
    assert!(
        browser
            .text("main")
            .await
            .contains("Correo o contraseña incorrectos.")
    );
    browser.sign_in(MANAGER, PASSWORD).await;
    assert_eq!(browser.path().await, "/dia");

    let main = browser.text("main").await;
    for expected in [
        "T01 · Tienda Miraflores",
        "Caja C1",
        "Caja C2",
        "S/ 1,234.50",
        "S/ 1,284.50", // cash + card collected
        "Efectivo",
        "Tarjeta",
        "desconocida",
        "<b>Juan</b>", // an operator's name is text, never markup
        "T01-C1-000001",
        "S/ 800.00",
        "aprobada",
    ] {
        assert!(
            main.contains(expected),
            "«{expected}» is not on the page:\n{main}"
        );
    }
    let difference = browser.text("li.difference").await;
    assert!(
        difference.contains("T01 / C1") && difference.contains("-S/ 12.50"),
        "{difference}"
    );
    assert!(
        browser
            .text(".till#caja-C1 table.z tr.bad")
            .await
            .contains("Z 1")
    );
    assert!(browser.text("li.stale").await.contains("T01 / C2"));
    assert!(browser.text("li.missing").await.contains("entre 3 y 4"));
    assert!(
        browser
            .text("li.finding")
            .await
            .contains("T01 / C2: entrada 3")
    );
    assert!(browser.text("table.open").await.contains("<b>Juan</b>"));
    for absent in [
        "T02",
        "San Isidro",
        "Sanisidro",
        "7,777.00",
        "T03",
        "9,999.99",
    ] {
        assert!(!main.contains(absent), "«{absent}» leaked onto T01's page");
    }
    browser.screenshot("central-dia", 1350).await;

    // Naming another store in the URL is refused, in the browser and to a bare request.
    browser
        .goto(&format!("{base}/dia?tienda=T02&fecha={today}"))
        .await;
    assert!(
        browser
            .text("main")
            .await
            .contains("No tiene acceso a esa tienda.")
    );
    let cookie = browser.session_cookie().await;
    for path in [
        format!("/dia?tienda=T02&fecha={today}"),
        format!("/dia.csv?tienda=T02&fecha={today}"),
        "/dia?tienda=T99".to_owned(),
    ] {
        let refused = http()
            .get(format!("{base}{path}"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403, "{path}");
    }

    // The CSV: T01's live operations of the day, nothing else.
    let csv = http()
        .get(format!("{base}/dia.csv?fecha={today}"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("caja-central-{today}.csv"))
    );
    let text = csv.text().await.unwrap();
    let rows: Vec<Vec<String>> = ::csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let brief: Vec<(String, String, String, String, String)> = rows
        .iter()
        .map(|row| {
            (
                row[0].clone(),
                row[1].clone(),
                row[4].clone(),
                row[6].clone(),
                row[8].clone(),
            )
        })
        .collect();
    let expect = |store: &str, till: &str, id: &str, state: &str, amount: &str| {
        (
            store.to_owned(),
            till.to_owned(),
            id.to_owned(),
            state.to_owned(),
            amount.to_owned(),
        )
    };
    assert_eq!(
        brief,
        [
            expect("T01", "C1", "1", "confirmada", "1234.50"),
            expect("T01", "C1", "2", "confirmada", "50.00"),
            expect("T01", "C1", "3", "desconocida", "25.00"),
            expect("T01", "C2", "1", "confirmada", "40.00"),
            expect("T01", "C2", "2", "pendiente", "10.00"),
            expect("T01", "C2", "4", "confirmada", "17.00"),
        ],
        "{text}"
    );
    assert!(
        text.starts_with("tienda,caja,fecha,hora,operacion,tipo,estado,medio,monto,cajero,motivo")
    );

    // The admin page: T01's tills only; a code issued there enrolls a till, and only for T01.
    browser.goto(&format!("{base}/admin/cajas")).await;
    let tills = browser.text("table.tills-list").await;
    assert!(
        tills.contains("T01 · Tienda Miraflores") && !tills.contains("T02"),
        "{tills}"
    );
    browser
        .find("#tienda")
        .await
        .select_by_value("T01")
        .await
        .unwrap();
    browser.find("#caja").await.send_keys("c7").await.unwrap();
    browser.submit("#emitir").await;
    let code = browser.text("#codigo").await;
    assert_eq!(code.len(), 11, "{code}");
    browser.screenshot("central-cajas", 900).await;
    let enrolled = http()
        .post(format!("{base}/api/v1/enroll"))
        .json(&EnrollRequest {
            code: code.clone(),
            store: "T01".into(),
            till: "C7".into(),
            public_key: TillSigningKey::generate().public_key(),
            label: "Caja nueva".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(enrolled.status(), 200);
    browser.goto(&format!("{base}/admin/cajas")).await;
    assert!(
        browser
            .text("table.tills-list")
            .await
            .contains("Caja nueva")
    );
    assert!(
        !browser.source().await.contains(&code),
        "a code is shown once"
    );
    let csrf = browser.csrf().await;
    let tills = format!("{base}/admin/cajas");
    let other_store = [("csrf", csrf.as_str()), ("tienda", "T02"), ("caja", "C9")];
    assert_eq!(browser::post_form(&tills, &cookie, &other_store).await, 403);
    let forged = [("csrf", "not-the-token"), ("tienda", "T01"), ("caja", "C9")];
    assert_eq!(browser::post_form(&tills, &cookie, &forged).await, 403);

    // Signing out ends the session, also for a copy of the cookie.
    browser.submit("header .who button").await;
    assert_eq!(browser.path().await, "/ingresar");
    let after = http()
        .get(format!("{base}/dia"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(after.url().path(), "/ingresar");

    // The chain admin sees every store.
    browser.sign_in(ADMIN, PASSWORD).await;
    let main = browser.text("main").await;
    for store in [
        "T01 · Tienda Miraflores",
        "T02 · Tienda San Isidro",
        "T03 · Tienda Arequipa",
    ] {
        assert!(main.contains(store), "{store} missing for the chain admin");
    }
    assert!(main.contains("S/ 7,777.00") && main.contains("S/ 314.00"));
    browser.stop().await;
}

#[tokio::test]
async fn wrong_passwords_are_refused_alike_and_then_throttled() {
    let central = start_central().await;
    a_day_of_three_stores(&central).await;
    let base = central.base_url();
    let wrong = browser::http_sign_in(&base, MANAGER, "no-es-la-clave").await;
    let unknown = browser::http_sign_in(&base, "nadie@cadena.pe", "no-es-la-clave").await;
    assert_eq!((wrong.0, unknown.0), (401, 401));
    assert!(wrong.1.contains("Correo o contraseña incorrectos."));
    assert_eq!(
        wrong.1.replace(MANAGER, "X"),
        unknown
            .1
            .replace("nadie@cadena.pe", "X")
            .replace(&csrf_of(&unknown.1), &csrf_of(&wrong.1)),
        "the two refusals must read the same"
    );
    for _ in 0..4 {
        browser::http_sign_in(&base, MANAGER, "no-es-la-clave").await;
    }
    let throttled = browser::http_sign_in(&base, MANAGER, PASSWORD).await;
    assert_eq!(
        throttled.0, 429,
        "the right password after five failures waits"
    );
    assert!(throttled.1.contains("Demasiados intentos"));
    let other = browser::http_sign_in(&base, ADMIN, PASSWORD).await;
    assert_eq!(other.0, 303, "another e-mail is not slowed down");
}

fn csrf_of(html: &str) -> String {
    let start = html.find(r#"name="csrf" value=""#).unwrap() + 19;
    html[start..start + 43].to_owned()
}
