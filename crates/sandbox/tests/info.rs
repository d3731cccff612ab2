//! `GET info`: the demo cases as the documented JSON, field errors, and the 404 for a code that does
//! not exist or is not this customer's.

mod common;

use common::{Caller, start, url};
use sandbox::demo;
use serde_json::json;

#[tokio::test]
async fn the_documented_test_pair() {
    let sandbox = start().await;
    for flavor in ["v2", "mock"] {
        Caller::default()
            .get(
                &url(&sandbox, flavor, "info"),
                &[("dni", "14159265"), ("funding_code", "1234567")],
            )
            .await
            .expect(
                200,
                json!({
                    "funding_code": "1234567",
                    "purchase_total": 2899.90,
                    "billed_by_ecommerce": false,
                    "downpayment_amount": 579.98,
                    "downpayment_status": "PENDING",
                    "downpayment_channel": "Tienda",
                }),
            );
    }
}

#[tokio::test]
async fn every_demo_case() {
    let sandbox = start().await;
    let info = url(&sandbox, "v2", "info");
    let caller = Caller::default();
    let cases = [
        (
            demo::PAID_ONLINE,
            json!({
                "funding_code": "2718281", "purchase_total": 1499.0, "billed_by_ecommerce": false,
                "downpayment_amount": 299.80, "downpayment_status": "FULFILLED", "downpayment_channel": "aCuotaz",
            }),
        ),
        (
            demo::ALREADY_BILLED,
            json!({
                "funding_code": "1618033", "purchase_total": 3250.0, "billed_by_ecommerce": true,
                "downpayment_amount": 650.0, "downpayment_status": "FULFILLED", "downpayment_channel": "Tienda",
            }),
        ),
        (
            demo::PERSON_RUC,
            json!({
                "funding_code": "1414213", "purchase_total": 1234.50, "billed_by_ecommerce": false,
                "downpayment_amount": 246.90, "downpayment_status": "PENDING", "downpayment_channel": "Tienda",
            }),
        ),
        (
            demo::COMPANY_RUC,
            json!({
                "funding_code": "5772156", "purchase_total": 12450.0, "billed_by_ecommerce": false,
                "downpayment_amount": 2490.0, "downpayment_status": "PENDING", "downpayment_channel": "Tienda",
            }),
        ),
    ];
    for (case, expected) in cases {
        caller
            .get(
                &info,
                &[("dni", case.dni), ("funding_code", case.funding_code)],
            )
            .await
            .expect(200, expected.clone());
        if let Some(ruc) = case.ruc {
            caller
                .get(&info, &[("ruc", ruc), ("funding_code", case.funding_code)])
                .await
                .expect(200, expected.clone());
            // Both identities at once: both belong to the financing.
            caller
                .get(
                    &info,
                    &[
                        ("dni", case.dni),
                        ("ruc", ruc),
                        ("funding_code", case.funding_code),
                    ],
                )
                .await
                .expect(200, expected);
        }
    }
}

#[tokio::test]
async fn generated_history_orders_are_paid_and_billed() {
    let sandbox = start().await;
    let history = sandbox.state().financings();
    let order = history
        .iter()
        .find(|f| f.order_id.ends_with("000100"))
        .unwrap();
    let answer = Caller::default()
        .get(
            &url(&sandbox, "v2", "info"),
            &[
                ("dni", order.dni.as_str()),
                ("funding_code", order.funding_code.as_str()),
            ],
        )
        .await;
    let body = answer.json();
    assert_eq!(answer.status, 200);
    assert_eq!(body["downpayment_status"], "FULFILLED");
    assert_eq!(body["billed_by_ecommerce"], true);
}

#[tokio::test]
async fn field_errors_one_key_per_bad_field() {
    let sandbox = start().await;
    let info = url(&sandbox, "v2", "info");
    let caller = Caller::default();
    let dni_error = json!({"dni": "Error on dni format"});
    let code_error = json!({"funding_code": "Error on funding_code format"});
    for bad_dni in [
        "1415926",
        "141592650",
        "1415926a",
        " 14159265",
        "14.159.265",
    ] {
        caller
            .get(&info, &[("dni", bad_dni), ("funding_code", "1234567")])
            .await
            .expect(400, dni_error.clone());
    }
    for bad_code in ["", "12a4567", "12345678901234567", "-1234567", "1234567 "] {
        caller
            .get(&info, &[("dni", "14159265"), ("funding_code", bad_code)])
            .await
            .expect(400, code_error.clone());
    }
    caller
        .get(&info, &[("dni", "14159265")])
        .await
        .expect(400, code_error);
    caller
        .get(&info, &[("dni", "123"), ("funding_code", "abc")])
        .await
        .expect(
            400,
            json!({"dni": "Error on dni format", "funding_code": "Error on funding_code format"}),
        );
    for bad_ruc in ["2060123456", "206012345651", "2060123456X"] {
        caller
            .get(&info, &[("ruc", bad_ruc), ("funding_code", "5772156")])
            .await
            .expect(400, json!({"ruc": "Error on ruc format"}));
    }
    caller
        .get(&info, &[("ruc", "abc"), ("funding_code", "")])
        .await
        .expect(
            400,
            json!({"ruc": "Error on ruc format", "funding_code": "Error on funding_code format"}),
        );
    caller
        .get(&info, &[("funding_code", "1234567")])
        .await
        .expect(400, dni_error.clone());
    caller.get(&info, &[]).await.expect(
        400,
        json!({"dni": "Error on dni format", "funding_code": "Error on funding_code format"}),
    );
}

#[tokio::test]
async fn unknown_code_or_someone_elses_code_is_not_found() {
    let sandbox = start().await;
    let info = url(&sandbox, "v2", "info");
    let caller = Caller::default();
    let not_found = json!({"error": "Funding code does not exist or not active"});
    let attempts: [&[(&str, &str)]; 5] = [
        &[("dni", "14159265"), ("funding_code", "7654321")],
        // Valid pair members, crossed.
        &[("dni", "27182818"), ("funding_code", "1234567")],
        &[("ruc", "20601234565"), ("funding_code", "1414213")],
        // A RUC on a financing that was applied for with a DNI only.
        &[("ruc", "10141592651"), ("funding_code", "1234567")],
        // Right DNI, wrong RUC.
        &[
            ("dni", "14142135"),
            ("ruc", "20601234565"),
            ("funding_code", "1414213"),
        ],
    ];
    for query in attempts {
        caller
            .get(&info, query)
            .await
            .expect(404, not_found.clone());
    }
}

#[tokio::test]
async fn paths_outside_the_api_say_so() {
    let sandbox = start().await;
    let answer = Caller::default()
        .get(
            &format!("{}/pos/client/inhouse-downpayment/v3/info", sandbox.url()),
            &[],
        )
        .await;
    answer.expect(
        404,
        json!({"error": "No such endpoint in the sandbox: /pos/client/inhouse-downpayment/v3/info"}),
    );
}
