//! The credit sale's paper for the customer: the order's QR code on the 80 mm printer (or a PDF as wide
//! as the roll when none is set), with the order id, the amount and what is bought, so a customer whose
//! phone cannot read the screen scans the paper instead. It is not a receipt and says so.

use jiff::Timestamp;
use report::ticket::{Ticket, TicketLine};
use serde::Serialize;
use till::blocking;
use till::orders::CreditOrder;
use ts_rs::TS;

use crate::Desk;
use crate::receipt::{deliver_ticket, paper_error};
use crate::settings::Settings;
use crate::views::{ErrorView, lima_text};
use crate::wording::orders as words;

/// Where the order's paper went.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderPaperView {
    pub order_id: String,
    /// The thermal printer it was sent to; null when none is set (then `pdfPath` holds it).
    pub printed_on: Option<String>,
    pub pdf_path: Option<String>,
}

/// Prints the QR of a created order.
pub async fn print_order_qr(desk: &Desk, order_id: &str) -> Result<OrderPaperView, ErrorView> {
    let (order, settings, data_dir) = desk
        .with(async |ws| {
            let id = crate::views::parse_order_id(order_id)?;
            let order = ws.till.credit_order(&id).await?;
            if order.redirect_to.is_none() {
                return Err(till::error::OrderError::NotCreated {
                    order_id: order_id.to_owned(),
                }
                .into());
            }
            Ok::<_, till::error::TillError>((order, ws.settings.clone(), ws.data_dir.clone()))
        })
        .await?;
    blocking::run(move || {
        let ticket = order_ticket(&order, &settings);
        let name = format!("pedido-{}-{}.pdf", order.mode, order.order_id);
        let (printed_on, pdf_path) = deliver_ticket(&ticket, &settings, &data_dir, &name)?;
        Ok(OrderPaperView {
            order_id: order.order_id.to_string(),
            printed_on,
            pdf_path,
        })
    })
    .await
    .map_err(|error: report::ReportError| paper_error(&error))
}

/// The order's paper as ticket lines, in the till's language. An order without its link yet has no QR.
pub fn order_ticket(order: &CreditOrder, settings: &Settings) -> Ticket {
    let lang = settings.lang;
    let paper = words::paper(lang);
    let mut lines = vec![
        TicketLine::Title(paper.title.to_owned()),
        TicketLine::Centered(settings.store_name.clone()),
        TicketLine::Centered(format!(
            "{} · {}",
            settings.till_name,
            lima_text(Timestamp::now(), "%d/%m/%Y %H:%M")
        )),
        TicketLine::Rule,
        TicketLine::Pair {
            left: paper.order.to_owned(),
            right: order.order_id.to_string(),
        },
        TicketLine::Text(order.description.clone()),
        TicketLine::Big {
            label: paper.amount.to_owned(),
            value: order.amount.to_string(),
        },
        TicketLine::Rule,
    ];
    if let Some(link) = &order.redirect_to {
        lines.push(TicketLine::Text(paper.scan.to_owned()));
        lines.push(TicketLine::Qr {
            data: link.clone(),
            caption: Some(format!(
                "{} {}",
                paper.expires,
                lima_text(order.expires_at, "%d/%m/%Y %H:%M")
            )),
        });
    }
    lines.push(TicketLine::Notice(paper.notice.to_owned()));
    Ticket { lines }
}
