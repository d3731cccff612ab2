#!/usr/bin/env bash
# A guided tour of Caja in the terminal, on the embedded sandbox's demo data: a shift opened with its
# float, check, pay in cash with change, undo, the refusals a cashier meets, the X report, the day
# summary and its PDF, the blind count and the Z, the till's journal.
set -uo pipefail
caja="$1"
export CAJA_MODE=sandbox
export CAJA_DATA_DIR="${CAJA_DATA_DIR:-$PWD/demo-data}"
export CAJA_STORE_NAME="${CAJA_STORE_NAME:-Tienda Demo — Señor de Muruhuay}"
rm -rf "$CAJA_DATA_DIR" # a fresh tour every time: demo data only
step() { printf '\n\033[1;36m$ caja %s\033[0m\n' "$*"; "$caja" "$@"; }

echo "Caja on the embedded sandbox; data in $CAJA_DATA_DIR"
step shift open --count "20=5,1=20"
step check --dni 14159265 --funding-code 1234567
step pay --dni 14159265 --funding-code 1234567 --tender efectivo --received 600
step check --dni 14159265 --funding-code 1234567
step undo --dni 14159265 --funding-code 1234567
step undo --dni 14159265 --funding-code 1234567
step pay --dni 14159265 --funding-code 1234567 --tender efectivo
step check --dni 1415926 --funding-code 1234567
step check --dni 14159265 --funding-code 7654321
step shift x
step summary --pdf "$CAJA_DATA_DIR/resumen-del-dia.pdf"
# The drawer: S/ 120.00 of float and S/ 579.98 paid in cash; counted S/ 699.90, 8 céntimos short.
step shift close --count "200=3,50=1,20=2,5=1,2=2,0.50=1,0.20=2"
step shift z
step history
printf '\nThe day summary PDF is at %s\nTry more: ./run cli --help  (demo data in README.md)\n' \
  "$CAJA_DATA_DIR/resumen-del-dia.pdf"
