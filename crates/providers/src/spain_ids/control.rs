//! The control characters of Spain's identity numbers, as the Ministry of the Interior (DNI, NIE) and
//! the tax agency (NIF of legal entities, the old CIF: Orden EHA/451/2008) define them:
//!
//! - DNI: the letter `TRWAGMYFPDXBNJZSQVHLCKE` at the number's remainder by 23.
//! - NIE: the same letter, over the number with the prefix read as a digit (X 0, Y 1, Z 2).
//! - Entity NIF: over its 7 digits, the digits in the even places (2nd, 4th, 6th) added as they are
//!   and those in the odd places (1st, 3rd, 5th, 7th) doubled with the digits of the double added; the
//!   control digit is 10 minus the sum's last digit (0 when that is 0), and the control letter the one
//!   at that digit in `JABCDEFGHI`. Which of the two an entity carries depends on its type (the first
//!   letter): a letter for P, Q, R, S, W and N, and for any entity whose number starts with `00` (not
//!   resident); a digit for A, B, E and H; either for C, D, F, G, J, U and V.

/// The DNI and NIE letters, by the number's remainder by 23.
pub const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// The entity NIF's control letters, by control digit.
const ENTITY_LETTERS: &[u8; 10] = b"JABCDEFGHI";

/// The first letters of an entity's NIF (its organisation type) in use.
pub const ENTITY_TYPES: &str = "ABCDEFGHJNPQRSUVW";

/// What an entity NIF ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityControl {
    Digit,
    Letter,
    Either,
}

/// The control letter of a DNI's number, or of a NIE's with its prefix as a digit in front.
pub fn personal_letter(number: u32) -> char {
    char::from(LETTERS[(number % 23) as usize])
}

/// The NIE prefix's digit: X 0, Y 1, Z 2.
pub fn nie_prefix_digit(prefix: char) -> Option<u32> {
    match prefix {
        'X' => Some(0),
        'Y' => Some(1),
        'Z' => Some(2),
        _ => None,
    }
}

/// The control digit over an entity's 7 digits (each 0–9).
pub fn entity_digit(digits: &[u8; 7]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(at, digit)| {
            let digit = u32::from(*digit);
            if at % 2 == 0 {
                let double = digit * 2;
                double / 10 + double % 10
            } else {
                digit
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// The control letter standing for a control digit.
pub fn entity_letter(digit: u8) -> char {
    char::from(ENTITY_LETTERS[usize::from(digit % 10)])
}

/// Which control an entity of this type and number carries.
pub fn entity_control(entity_type: char, digits: &[u8; 7]) -> EntityControl {
    if "PQRSWN".contains(entity_type) || digits[..2] == [0, 0] {
        EntityControl::Letter
    } else if "ABEH".contains(entity_type) {
        EntityControl::Digit
    } else {
        EntityControl::Either
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_examples_compute() {
        assert_eq!(personal_letter(12_345_678), 'Z');
        assert_eq!(personal_letter(1_234_567), 'L'); // X1234567L
        assert_eq!(personal_letter(11_234_567), 'X'); // Y1234567X
        assert_eq!(personal_letter(0), 'T');
        // The tax agency's own NIF, Q2826000H.
        let aeat = [2, 8, 2, 6, 0, 0, 0];
        assert_eq!(entity_digit(&aeat), 8);
        assert_eq!(entity_letter(8), 'H');
        assert_eq!(entity_control('Q', &aeat), EntityControl::Letter);
        // B1234567?: 2+6+1+5 (odd places doubled) + 2+4+6 = 26, so 4.
        assert_eq!(entity_digit(&[1, 2, 3, 4, 5, 6, 7]), 4);
        assert_eq!(entity_control('B', &[1; 7]), EntityControl::Digit);
        assert_eq!(
            entity_control('B', &[0, 0, 1, 1, 1, 1, 1]),
            EntityControl::Letter
        );
        assert_eq!(entity_control('G', &[1; 7]), EntityControl::Either);
        assert_eq!(entity_letter(0), 'J');
    }
}
