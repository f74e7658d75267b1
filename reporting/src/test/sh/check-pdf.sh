#!/usr/bin/env bash
# Converts an xlsx workbook to PDF with LibreOffice (headless) and fails unless the PDF has pages.
# Usage: check-pdf.sh FILE.xlsx [OUT_DIR]   (needs soffice and pdfinfo: libreoffice-calc-nogui poppler-utils)
# With PNG=1 it also renders each page to OUT_DIR/page-N.png (pdftoppm -r 60) to look at.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 FILE.xlsx [OUT_DIR]" >&2
  exit 2
fi
for tool in soffice pdfinfo; do
  command -v "$tool" >/dev/null || { echo "check-pdf: $tool not found (apt-get install libreoffice-calc-nogui poppler-utils)" >&2; exit 2; }
done

workbook=$1
out=${2:-$(mktemp -d)}
mkdir -p "$out"
# a private LibreOffice profile: concurrent runs and a user's open LibreOffice do not block each other
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$workbook" >/dev/null 2>&1 || true
pdf="$out/$(basename "${workbook%.*}").pdf"
if [ ! -s "$pdf" ]; then
  echo "check-pdf: LibreOffice made no PDF of $workbook" >&2
  exit 1
fi
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
if [ -z "$pages" ] || [ "$pages" -lt 1 ]; then
  echo "check-pdf: $pdf has no pages" >&2
  exit 1
fi
if [ "${PNG:-0}" = 1 ]; then
  pdftoppm -png -r 60 "$pdf" "$out/page"
fi
echo "$pdf: $pages pages"
