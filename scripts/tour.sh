#!/usr/bin/env bash
# A guided tour of Caja in the terminal, on the embedded sandbox's demo data: check, pay, undo, the
# refusals a cashier meets, the day summary and its PDF, the till's journal.
set -uo pipefail
caja="$1"
export CAJA_MODE=sandbox
export CAJA_DATA_DIR="${CAJA_DATA_DIR:-$PWD/demo-data}"
export CAJA_STORE_NAME="${CAJA_STORE_NAME:-Tienda Demo — Señor de Muruhuay}"
rm -rf "$CAJA_DATA_DIR" # a fresh tour every time: demo data only
step() { printf '\n\033[1;36m$ caja %s\033[0m\n' "$*"; "$caja" "$@"; }

echo "Caja on the embedded sandbox; data in $CAJA_DATA_DIR"
step check --dni 14159265 --funding-code 1234567
step pay --dni 14159265 --funding-code 1234567
step check --dni 14159265 --funding-code 1234567
step undo --dni 14159265 --funding-code 1234567
step undo --dni 14159265 --funding-code 1234567
step pay --dni 14159265 --funding-code 1234567
step check --dni 1415926 --funding-code 1234567
step check --dni 14159265 --funding-code 7654321
step summary --pdf "$CAJA_DATA_DIR/resumen-del-dia.pdf"
step history
printf '\nThe day summary PDF is at %s\nTry more: ./run cli --help  (demo data in README.md)\n' \
  "$CAJA_DATA_DIR/resumen-del-dia.pdf"
