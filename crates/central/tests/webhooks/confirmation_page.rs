//! The day page shows the store's Aplazame checkouts with the decision and who made it.

use central::users::{Role, add_user};
use providers::central::confirmation::{Decision, Policy};

use crate::confirmation::{TOTAL, quick, rig};

#[tokio::test]
async fn the_day_page_shows_each_decision_and_who_made_it() {
    let rig = rig(5_000, quick()).await;
    let by_person = rig.create("T01-C1-A000041", false).await;
    rig.announce(
        "T01-C1-A000041",
        Some(&by_person),
        TOTAL,
        false,
        Policy::Ask,
    )
    .await;
    rig.decide("T01-C1-A000041", Decision::Ok).await.unwrap();
    rig.buyer_completes(&by_person).await;
    let by_rule = rig.create("T01-C1-A000042", true).await;
    rig.announce("T01-C1-A000042", None, 12_000, true, Policy::Auto)
        .await;
    rig.buyer_completes(&by_rule).await;
    assert_eq!(rig.settled(&by_person).await, "ok");
    rig.settled(&by_rule).await;
    let waiting = rig.create("T01-C1-A000043", false).await;
    rig.announce("T01-C1-A000043", Some(&waiting), TOTAL, false, Policy::Ask)
        .await;

    let base = rig.central.base_url();
    let pool = &rig.central.state.pool;
    let password = "clave-larga-de-prueba";
    add_user(
        pool,
        "admin@cadena.es",
        "Admin",
        Role::ChainAdmin,
        &[],
        password,
    )
    .await
    .unwrap();
    let html = day_page(&base, "admin@cadena.es", password).await;
    let table = &html[html.find(r#"<table class="aplazame">"#).expect(&html)..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 3, "{table}");
    for (row, words) in rows.iter().zip([
        [
            "T01-C1-A000041",
            "129,80 €",
            "confirmada · enviada a Aplazame",
            "Ana Pérez",
        ],
        [
            "T01-C1-A000042 (prueba)",
            "120,00 €",
            "rechazada · enviada a Aplazame",
            "regla automática",
        ],
        [
            "T01-C1-A000043",
            "129,80 €",
            "esperando a la caja",
            "<td></td>",
        ],
    ]) {
        for word in words {
            assert!(row.contains(word), "{word} not in {row}");
        }
    }
}

/// Signs in through the form (its CSRF cookie and field) and reads `/dia`.
async fn day_page(base: &str, email: &str, password: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = client.get(format!("{base}/ingresar")).send().await.unwrap();
    let csrf_cookie = first_cookie(&form);
    let html = form.text().await.unwrap();
    let start = html.find(r#"name="csrf" value=""#).unwrap() + 19;
    let csrf = &html[start..start + 43];
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("email", email), ("password", password), ("csrf", csrf)])
        .finish();
    let signed_in = client
        .post(format!("{base}/ingresar"))
        .header("cookie", csrf_cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status().as_u16(), 303);
    let session = first_cookie(&signed_in);
    let page = client
        .get(format!("{base}/dia"))
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    page.text().await.unwrap()
}

fn first_cookie(answer: &reqwest::Response) -> String {
    answer.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}
