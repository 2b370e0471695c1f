#!/usr/bin/env bash
# Remakes the guides' pictures and generated excerpts in docs/ from the sample data in data/:
# every picture is drawn by sunspot itself, every table or file excerpt is its real output
# (pasted between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` in the guides).
#
# Usage: Scripts/make-docs.sh [BIN_DIR]   (default .build/debug; `make docs` builds sunspot first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug}
sunspot="$bin/sunspot"
[ -x "$sunspot" ] || { echo "make-docs: $sunspot is missing; build it first (swift build --product sunspot)" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "make-docs: pdftoppm is missing; run Scripts/install-deps.sh" >&2; exit 1; }

img=docs/img
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$img" "$work/gen"
scene=data/sample-compound.json
before=data/sample-compound-before.json
size=(--size 860x860 --lang en)

# The flat buyer: one table, two pictures.
"$sunspot" table "$scene" 3/5/east --lang en --format md >"$work/gen/buyer-table"
"$sunspot" sunpath "$scene" --date 2026-12-22 --window 3/5/east "${size[@]}" -o "$img/buyer-sunpath.png"
"$sunspot" shadow "$scene" --at 2026-12-22T10:00 --flat 3/5/east "${size[@]}" -o "$img/buyer-shadow.png"

# The listing website: CSV in; CSV, JSON and PDF out.
"$sunspot" report data/sample-listings.csv -o "$work/report.csv" --progress none
"$sunspot" report data/sample-listings.csv -o "$work/report.json" --progress none
"$sunspot" report data/sample-listings.csv -o "$work/report.pdf" --lang en --progress none
cp data/sample-listings.csv "$work/gen/listing-input"
python3 - "$work/report.csv" >"$work/gen/listing-csv" <<'PY'
import csv, sys
keep = ["listing", "building", "floor", "unit", "dongzhi_band_min", "dahan_band_min", "required_min", "meets_standard",
        "best_term", "worst_term", "dongzhi_main_blocker"]
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(",".join(keep))
for row in rows:
    print(",".join(row[k] for k in keep))
PY
python3 - "$work/report.json" >"$work/gen/listing-json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc if isinstance(doc, list) else doc.get("rows", doc.get("listings", []))
first = dict(rows[0])
for key in list(first):
    if isinstance(first[key], list) and len(first[key]) > 3:
        first[key] = first[key][:3] + ["…"]
print(json.dumps(first, ensure_ascii=False, indent=2))
PY
pdfinfo "$work/report.pdf" | sed -n 's/^Pages: *//p' >"$work/gen/listing-pages"
pdftoppm -f 2 -l 2 -r 72 -png -singlefile "$work/report.pdf" "$img/listing-page"

# The planner: compare, heat maps before and after, the hourly shadow lines (時刻日影図).
# The headline, the table's header and the flats pushed below the standard (the full table has every flat).
"$sunspot" compare "$before" "$scene" --lang en | awk 'NR <= 6 || /NEWLY FAILS/' >"$work/gen/planner-compare"
# Before and after on one ground and grid, as planner.md prints them.
"$sunspot" heatmap "$before" --date 2026-12-22 --band 8-16 --extent=-90,-70:90,110 --spacing 1 "${size[@]}" \
  -o "$img/planner-hours-before.png"
"$sunspot" heatmap "$scene" --date 2026-12-22 --band 8-16 --extent=-90,-70:90,110 --spacing 1 "${size[@]}" \
  -o "$img/planner-hours-after.png"
"$sunspot" shadow "$scene" --hourly --date 2026-12-22 "${size[@]}" -o "$img/planner-hourly.png"
# The 日影規制 check of 5号楼, as planner.md prints it.
"$sunspot" nichiei "$scene" --subject 5 --boundary=-62,53:-18,53:-18,87:-62,87 --column 1 --lang en \
  --picture "$img/planner-nichiei.png" >/dev/null

# Paste the generated excerpts into the guides.
python3 - "$work/gen" docs/*.md <<'PY'
import pathlib, re, sys
gen = pathlib.Path(sys.argv[1])
for path in map(pathlib.Path, sys.argv[2:]):
    text = path.read_text(encoding="utf-8")
    def fill(m):
        name = m.group(1)
        body = (gen / name).read_text(encoding="utf-8").rstrip("\n")
        return f"<!-- generated:{name} -->\n{m.group(2) or ''}{body}\n{m.group(3) or ''}<!-- /generated:{name} -->"
    new = re.sub(r"<!-- generated:([\w-]+) -->\n(```\w*\n)?.*?\n?(```\n)?<!-- /generated:\1 -->", fill, text, flags=re.S)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"make-docs: updated {path}")
PY
for f in "$img"/*.png; do
  bytes=$(stat -c %s "$f")
  [ "$bytes" -le 307200 ] || { echo "make-docs: $f is $bytes bytes (limit 300 KB)" >&2; exit 1; }
  echo "make-docs: $f ($((bytes / 1024)) KB)"
done
