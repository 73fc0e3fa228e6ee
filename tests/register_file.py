"""Generated files in the format of the Register of Enterprises' ``register.csv``: the real header
and the real quirks (``""`` quote escapes, a space in ``closed`` for an active entity, empty or
pre-2021 ``atvk`` codes, an optional BOM), **invented rows** (names, register numbers, dates,
addresses). Used by the tests and by ``benchmarks/bench_register.py``; never written into data/raw/.

``generate`` returns what the rows hold, counted here independently of the reader: registrations of
the counted legal forms by (municipality registry code or ``None``, year).
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

HEADER = (
    "regcode;sepa;name;name_before_quotes;name_in_quotes;name_after_quotes;without_quotes;regtype;regtype_text;"
    "type;type_text;registered;terminated;closed;address;index;addressid;region;city;atvk;reregistration_term"
)
FORMS = [  # code, name, register letter, weight, counted by default
    ("SIA", "Sabiedrība ar ierobežotu atbildību", "K", 55, True),
    ("IK", "Individuālais komersants", "K", 12, True),
    ("AS", "Akciju sabiedrība", "K", 2, True),
    ("ZEM", "Zemnieku saimniecība", "U", 6, True),
    ("KB", "Kooperatīvā sabiedrība", "K", 1, True),
    ("BDR", "Biedrība", "B", 15, False),
    ("NOD", "Nodibinājums", "B", 3, False),
]
# (atvk as written, address start, registry code of the municipality or None when it cannot be placed)
PLACES = [
    ("0001000", "Rīga", "CITY_RIGA"),
    ("0010000", "Rīga", "CITY_RIGA"),  # pre-2021 code of Rīga
    ("", "Rīga", "CITY_RIGA"),  # no code: placed by the address
    ("0002000", "Daugavpils", "CITY_DAUGAVPILS"),
    ("0050000", "Daugavpils", "CITY_DAUGAVPILS"),  # pre-2021 code of Daugavpils (a real row has it)
    ("0006000", "Rēzekne", "CITY_REZEKNE"),
    ("0032210", "Krāslavas nov., Krāslava", "MUN2021_KRASLAVAS_NOVADS"),  # a town: its municipality's prefix
    ("", "Ilūkstes nov., Bebrenes pag.", "MUN2021_AUGSDAUGAVAS_NOVADS"),  # pre-2021 novads -> successor
    ("0641000", "Ludzas nov., Ludza", "MUN2021_LUDZAS_NOVADS"),  # an unknown old code, placed by the address
    ("0022000", "Augšdaugavas nov., Naujenes pag.", "MUN2021_AUGSDAUGAVAS_NOVADS"),
    ("0003000", "Jelgava", "CITY_JELGAVA"),
    ("0054000", "Valmieras nov., Valmiera", "MUN2021_VALMIERAS_NOVADS"),
    ("0005000", "Liepāja", "CITY_LIEPAJA"),
    ("0038231", "Madonas nov., Varakļāni", "MUN2021_MADONAS_NOVADS"),
    ("", "Kalna iela 2", None),  # names no place: not placed
]
PLACE_WEIGHTS = [40, 5, 5, 8, 4, 3, 2, 2, 2, 2, 6, 4, 6, 2, 1]


def _row(
    i: int, form: tuple, place: tuple, registered: date, closed: str, terminated: str, distinct: bool = False
) -> str:
    code, name, letter, _, _ = form
    atvk, where, _ = place
    regcode = f"4{i:010d}"
    short = f"Piemērs {i}"
    return ";".join(
        [
            regcode,
            f"LV00ZZZ{regcode}",
            f'"{code} ""{short}"""',
            code,
            short,
            '""',
            "0",
            letter,
            "Komercreģistrs" if letter == "K" else "Biedrību un nodibinājumu reģistrs",
            code,
            name,
            registered.isoformat(),
            terminated,
            closed,
            f'"{where}, Iela {i} - {i % 13}"' if distinct else f'"{where}, Iela {i % 97} - {i % 13}"',
            f"{1000 + i % 9000}",
            f"{100000000 + i}",
            "0",
            f"{100003000 + i % 50}",
            atvk,
            "",
        ]
    )


def generate(
    path: Path,
    rows: int,
    seed: int = 12,
    first_year: int = 2010,
    last: date = date(2025, 12, 31),
    bom: bool = False,
    by_address: bool = False,
) -> Counter[tuple[str | None, int]]:
    """Write ``rows`` invented entities; return the registrations of the counted forms by (municipality
    registry code or None, year), counted while writing. ``by_address``: as the real file's pre-2021 codes
    would have it, most rows carry no code the classifier knows (placed by their address), and every
    address is distinct."""
    rng = random.Random(seed)
    start = date(first_year, 1, 1)
    span = (last - start).days
    expected: Counter[tuple[str | None, int]] = Counter()
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        fh.write(HEADER + "\n")
        forms = rng.choices(FORMS, [f[3] for f in FORMS], k=rows)
        weights = [
            w * (12 if not atvk or atvk == "0641000" else 1)
            for w, (atvk, _, _) in zip(PLACE_WEIGHTS, PLACES, strict=True)
        ]
        places = rng.choices(PLACES, weights if by_address else PLACE_WEIGHTS, k=rows)
        for i in range(rows):
            registered = start + timedelta(days=rng.randrange(span + 1))
            closed, terminated = " ", ""
            if rng.random() < 0.2:
                closed = "L"
                terminated = min(last, registered + timedelta(days=rng.randrange(1, 3000))).isoformat()
            fh.write(_row(i, forms[i], places[i], registered, closed, terminated, by_address) + "\n")
            if forms[i][4]:
                expected[(places[i][2], registered.year)] += 1
    return expected


def municipal_population(path: Path, years: range = range(2021, 2026), updated: str = "2025-12-15") -> None:
    """A CSP json-stat2 answer in the shape of table IRS031 (FORMATS.md §2.3 and §10: INDICATOR POP_SY,
    ContentsCode IRS031, as `latgale-stats update` saves it) with the population on 1 January of each of
    today's municipalities, by CSP's codes (``LV0022000``). **Every value is invented** (its `note` says
    so): the register's tests need a municipal population, and none is in data/raw/ yet."""
    import json

    from latgale_stats.core import territory

    munis = sorted({m.region: m for m in territory.municipalities().values()}.values(), key=lambda m: m.atvk)
    codes = [m.csb_code for m in munis]
    rng = random.Random(31)
    base = {c: rng.randrange(5_000, 90_000) for c in codes}
    times = [str(y) for y in years]
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "Population at the beginning of year in regions, cities and municipalities",
        "note": ["INVENTED VALUES for the tests of latgale-stats: not CSP's figures"],
        "source": "Central Statistical Bureau of Latvia",
        "updated": f"{updated}T05:00:00Z",
        "role": {"time": ["TIME"], "metric": ["ContentsCode"]},
        "id": ["INDICATOR", "AREA", "ContentsCode", "TIME"],
        "size": [1, len(codes), 1, len(times)],
        "dimension": {
            "INDICATOR": {
                "label": "Indicator",
                "category": {"index": {"POP_SY": 0}, "label": {"POP_SY": "Population at the beginning of the year"}},
            },
            "AREA": {
                "label": "Territorial unit",
                "category": {
                    "index": {c: i for i, c in enumerate(codes)},
                    "label": {c: m.name for c, m in zip(codes, munis, strict=True)},
                },
            },
            "ContentsCode": {
                "label": "Contents",
                "category": {"index": {"IRS031": 0}, "label": {"IRS031": "Number"}},
            },
            "TIME": {"label": "Time period", "category": {"index": {t: i for i, t in enumerate(times)}}},
        },
        "extension": {"px": {"tableid": "IRS031", "decimals": 0, "language": "en", "matrix": "IRS031"}},
        "value": [base[c] - 300 * k for c in codes for k in range(len(times))],
    }
    path.write_text("\ufeff" + json.dumps(doc, ensure_ascii=False), encoding="utf-8")
