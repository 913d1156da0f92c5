"""Convert the shared reference lists (shared/data/*_municipalities.csv) to our import format.

    python src/glasnik/organizations/data/convert.py /path/to/shared/data

The source `parent` column is a label (a Serbian district, a Slovenian statistical region, a BiH
canton or entity), not an organization. This script turns it into `region` and, where the label is
a real organization, into `parent`:

- Serbia: a city municipality ("Niš-Medijana", "Beograd-Barajevo") gets the city before the hyphen
  as its parent; region is the district (okrug), or "Grad Beograd" for Belgrade.
- Slovenia: region is the statistical region; no parent.
- Bosnia and Herzegovina: adds the two entities and the ten cantons of the Federation as
  organizations; a unit's parent is its canton (Federation) or Republika Srpska; region is the
  canton or entity label. Brčko district stands alone.

Standard library only, so it runs without Django.
"""

import csv
import sys
from pathlib import Path

COLUMNS = ["country", "code", "name", "name_cyrillic", "kind", "parent", "population", "region"]
FEDERATION = "Federacija Bosne i Hercegovine"
REPUBLIKA_SRPSKA = "Republika Srpska"
FEDERATION_PREFIX = "FBiH / "


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def write_rows(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in COLUMNS} for row in rows)


def convert_serbia(rows: list[dict]) -> list[dict]:
    cities = {row["name"] for row in rows if row["kind"] == "city"}
    converted = []
    for row in rows:
        city = row["name"].split("-", 1)[0]
        is_city_part = row["kind"] == "city_municipality" and city in cities
        converted.append({**row, "region": row["parent"], "parent": city if is_city_part else ""})
    return converted


def convert_slovenia(rows: list[dict]) -> list[dict]:
    return [{**row, "region": row["parent"], "parent": ""} for row in rows]


def convert_bosnia(rows: list[dict]) -> list[dict]:
    labels = sorted({row["parent"] for row in rows if row["parent"].startswith(FEDERATION_PREFIX)})
    cantons = [label.removeprefix(FEDERATION_PREFIX) for label in labels]
    converted = [
        {"country": "BA", "name": FEDERATION, "kind": "entity"},
        {"country": "BA", "name": REPUBLIKA_SRPSKA, "kind": "entity"},
    ]
    converted += [
        {
            "country": "BA",
            "name": canton,
            "kind": "canton",
            "parent": FEDERATION,
            "region": FEDERATION,
        }
        for canton in cantons
    ]
    for row in rows:
        label = row["parent"]
        if label.startswith(FEDERATION_PREFIX):
            parent = region = label.removeprefix(FEDERATION_PREFIX)
        elif label == REPUBLIKA_SRPSKA:
            parent = region = REPUBLIKA_SRPSKA
        else:  # Brčko distrikt belongs to neither entity
            parent, region = "", label
        converted.append({**row, "parent": parent, "region": region})
    return converted


CONVERTERS = {"rs": convert_serbia, "si": convert_slovenia, "ba": convert_bosnia}


def convert_all(source_dir: Path, target_dir: Path) -> None:
    for prefix, convert in CONVERTERS.items():
        name = f"{prefix}_municipalities.csv"
        write_rows(target_dir / name, convert(read_rows(source_dir / name)))


if __name__ == "__main__":
    convert_all(Path(sys.argv[1]), Path(__file__).resolve().parent)
