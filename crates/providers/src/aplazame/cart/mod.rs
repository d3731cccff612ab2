//! A cart as a store in Spain types it, and the articles and `total_amount` Aplazame's order wants.
//!
//! The shelf shows prices **with IVA**; the wire wants each article's unit `price` **without** it, in
//! integer cents, its `tax_rate` in basis points and an optional unit `discount` (also without tax). The
//! rule, one for the whole of Caja:
//!
//! 1. **The amount comes from the shelf.** A line pays `unit shelf price × quantity − line discount`,
//!    exactly, in cents; `total_amount` is the sum of the lines. No rounding touches what is financed,
//!    so the total is always what the customer pays at the shelf.
//! 2. **The net figures are derived from it**, per unit, to the cent, half up ([`rounding::net_of`]):
//!    `price = round(shelf / (1 + rate))`, `discount = round(line discount / ((1 + rate) × quantity))`.
//!
//! Why not the other way round (net first, then `total = Σ net × qty × (1 + rate)` rounded): some
//! totals cannot be reached from a net price in cents at all. A 10,00 € article at 21 % has a net of
//! 8,26 € (9,99 € back) or 8,27 € (10,01 € back); no cent gives 10,00 €, and a quantity multiplies the
//! gap. The net figures describe the line for Aplazame's records; the amount is the shelf's. (Aplazame's
//! own WooCommerce plugin does the same: the order's total as charged, the articles' net prices
//! divided out.)
//!
//! Before a cart is sent ([`Cart::check`]) its total must equal the sum of its lines exactly, and every
//! line (its amount and its article) must be exactly what the rule derives from what was typed. A
//! mismatch is an error; nothing is ever adjusted to fit. Whoever sees only the wire (the simulator)
//! checks the total against the range the articles allow ([`rounding::shelf_total_range`]), which
//! every cart built here is inside (a property test holds it to that).

pub mod rounding;

use crate::aplazame::wire::request::Article;
use crate::euros::Euros;

pub use rounding::{net_of, shelf_total_range};

/// Spain's IVA rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VatRate {
    /// 21 %.
    General,
    /// 10 %.
    Reduced,
    /// 4 %.
    SuperReduced,
    /// 0 % (exempt).
    Exempt,
}

impl VatRate {
    pub const ALL: [VatRate; 4] = [
        VatRate::General,
        VatRate::Reduced,
        VatRate::SuperReduced,
        VatRate::Exempt,
    ];

    pub fn percent(self) -> u32 {
        match self {
            VatRate::General => 21,
            VatRate::Reduced => 10,
            VatRate::SuperReduced => 4,
            VatRate::Exempt => 0,
        }
    }

    /// The wire's `tax_rate`: `2100` for 21 %.
    pub fn basis_points(self) -> u32 {
        self.percent() * 100
    }

    /// The rate of a typed percentage; `None` for one Spain does not have.
    pub fn from_percent(percent: u32) -> Option<VatRate> {
        VatRate::ALL
            .into_iter()
            .find(|rate| rate.percent() == percent)
    }
}

/// One line as the cashier types it: prices with IVA, as on the shelf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShelfLine {
    pub name: String,
    /// At least 1.
    pub quantity: u32,
    /// One unit's shelf price, IVA included.
    pub unit_price: Euros,
    pub vat: VatRate,
    /// Off the whole line, IVA included.
    pub discount: Option<Euros>,
}

/// A line with what it pays and the article sent for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    shelf: ShelfLine,
    amount: Euros,
    article: Article,
}

impl PricedLine {
    pub fn shelf(&self) -> &ShelfLine {
        &self.shelf
    }

    /// What the customer pays for the line: shelf price × quantity − discount.
    pub fn amount(&self) -> Euros {
        self.amount
    }

    pub fn article(&self) -> &Article {
        &self.article
    }
}

/// Why a cart cannot be built or sent. Lines are numbered from 1, as the cashier sees them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    #[error("the cart has no lines")]
    Empty,
    #[error("line {line} has no name")]
    NoName { line: usize },
    #[error("line {line}: the quantity must be at least 1")]
    ZeroQuantity { line: usize },
    #[error("line {line}: the price is negative")]
    NegativePrice { line: usize },
    #[error("line {line}: the discount is negative")]
    NegativeDiscount { line: usize },
    #[error("line {line}: a discount of {discount} is more than the line's {line_amount}")]
    DiscountAboveLine {
        line: usize,
        discount: Euros,
        line_amount: Euros,
    },
    #[error("the cart comes to 0,00 €: there is nothing to finance")]
    NothingToFinance,
    #[error("the cart's amounts are beyond what Caja handles")]
    TooLarge,
    #[error("the total {total} is not the sum of the lines, {lines}")]
    TotalMismatch { total: Euros, lines: Euros },
    #[error("line {line} is not what its shelf price, quantity, IVA and discount give")]
    LineMismatch { line: usize },
}

/// A cart whose lines passed their checks, with its total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cart {
    lines: Vec<PricedLine>,
    total: Euros,
}

impl Cart {
    /// Prices every line by the rule (module doc) and sums what the customer pays.
    pub fn build(lines: Vec<ShelfLine>) -> Result<Cart, CartError> {
        if lines.is_empty() {
            return Err(CartError::Empty);
        }
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(at, shelf)| price_line(at + 1, shelf))
            .collect::<Result<Vec<_>, _>>()?;
        let total = Euros::sum(lines.iter().map(PricedLine::amount)).ok_or(CartError::TooLarge)?;
        if total == Euros::ZERO {
            return Err(CartError::NothingToFinance);
        }
        let cart = Cart { lines, total };
        cart.check()?;
        Ok(cart)
    }

    pub fn lines(&self) -> &[PricedLine] {
        &self.lines
    }

    /// What the customer pays: the order's `total_amount`.
    pub fn total(&self) -> Euros {
        self.total
    }

    /// The wire's `articles`, in the order typed.
    pub fn articles(&self) -> Vec<Article> {
        self.lines.iter().map(|line| line.article.clone()).collect()
    }

    /// The checks before sending (module doc): exact, never adjusted.
    pub fn check(&self) -> Result<(), CartError> {
        check(self.total, &self.lines)
    }
}

/// [`Cart::check`] on any total and lines, so a test can hand it ones that do not agree.
pub(crate) fn check(total: Euros, lines: &[PricedLine]) -> Result<(), CartError> {
    let sum = Euros::sum(lines.iter().map(PricedLine::amount)).ok_or(CartError::TooLarge)?;
    if sum != total {
        return Err(CartError::TotalMismatch { total, lines: sum });
    }
    for (at, line) in lines.iter().enumerate() {
        let again = price_line(at + 1, line.shelf.clone())?;
        if again != *line {
            return Err(CartError::LineMismatch { line: at + 1 });
        }
    }
    Ok(())
}

/// One line priced by the rule; `line` is its number from 1, which is also its article's `id`.
fn price_line(line: usize, shelf: ShelfLine) -> Result<PricedLine, CartError> {
    if shelf.name.trim().is_empty() {
        return Err(CartError::NoName { line });
    }
    if shelf.quantity == 0 {
        return Err(CartError::ZeroQuantity { line });
    }
    if shelf.unit_price.is_negative() {
        return Err(CartError::NegativePrice { line });
    }
    let gross = shelf
        .unit_price
        .checked_mul(shelf.quantity)
        .ok_or(CartError::TooLarge)?;
    let discount = shelf.discount.unwrap_or(Euros::ZERO);
    if discount.is_negative() {
        return Err(CartError::NegativeDiscount { line });
    }
    if discount > gross {
        return Err(CartError::DiscountAboveLine {
            line,
            discount,
            line_amount: gross,
        });
    }
    let rate = shelf.vat.basis_points();
    let article = Article {
        id: line.to_string(),
        name: shelf.name.trim().to_owned(),
        quantity: shelf.quantity,
        price: net_of(shelf.unit_price, rate, 1),
        tax_rate: rate,
        discount: shelf
            .discount
            .map(|discount| net_of(discount, rate, shelf.quantity)),
    };
    let amount = gross.checked_sub(discount).ok_or(CartError::TooLarge)?;
    Ok(PricedLine {
        shelf,
        amount,
        article,
    })
}

#[cfg(test)]
mod tests;
