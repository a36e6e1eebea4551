"""The car scrappage rule as a GoRules JDM decision table, for zen-engine (an optional benchmark peer).

The table is generated from the same cited parameter file the tradein plugin uses, as known at the
benchmark's day, so both engines run the same law on the same cases: no number is typed here.  It
decides the amount only (no trace, no missing facts, no central/local split): it is the cheapest
honest version of the rule a decision-table engine would run, which makes the comparison
favourable to the peer.
"""

from __future__ import annotations

import json
from datetime import date

from zhengce_tradein.car_scrappage import PARAMETERS


def _v(name: str, on: date, known_at: date):
    value = PARAMETERS.at(name, on, known_at) or PARAMETERS.at(name, None, known_at)
    return value.value


def car_table(on: date, known_at: date) -> dict:
    """A JDM graph: input → one first-hit decision table → output (``subsidy``)."""
    classes = ", ".join(f'"{c}"' for c in _v("vehicle.passenger_classes", on, known_at))
    applicants = ", ".join(f'"{t}"' for t in _v("applicant.types", on, known_at))
    start, end = _v("application.from", on, known_at), _v("application.until", on, known_at)
    gas, diesel, nev = (_v(n, on, known_at) for n in ("old.gasoline_registered_by", "old.diesel_other_registered_by", "old.nev_registered_by"))
    max_l = _v("new.fuel_max_displacement_l", on, known_at)
    c_from, c_until = _v("certificates.from", on, known_at), _v("certificates.until", on, known_at)
    owner_by = _v("owner.old_registered_by", on, known_at)
    review_from = _v("owner.new_registered_during_review_from", on, known_at)
    certs = " and ".join(f'date(scrappage_application.{f}) >= date("{c_from}") and date(scrappage_application.{f}) <= date("{c_until}")'
                         for f in ("scrap_certificate_on", "deregistration_certificate_on", "sales_invoice_on", "registration_certificate_on"))
    buy_nev, buy_fuel = _v("amount.scrap_any_buy_nev", on, known_at), _v("amount.scrap_fuel_buy_fuel", on, known_at)
    inputs = [
        ("applicant", "applicant.type"), ("old_class", "old_vehicle.vehicle_class"), ("new_class", "new_vehicle.vehicle_class"),
        ("submitted", f'date(scrappage_application.submitted_on) >= date("{start}") and date(scrappage_application.submitted_on) <= date("{end}")'),
        ("old_kind", f'old_vehicle.fuel == "gasoline" and date(old_vehicle.registration_date) <= date("{gas}") or '
                     f'(old_vehicle.fuel == "diesel" or old_vehicle.fuel == "other_fuel") and date(old_vehicle.registration_date) <= date("{diesel}") or '
                     f'old_vehicle.fuel == "nev" and date(old_vehicle.registration_date) <= date("{nev}")'),
        ("old_fuel", "old_vehicle.fuel"), ("new_fuel", "new_vehicle.fuel"), ("catalogue", "new_vehicle.in_nev_catalogue"),
        ("displacement", "number(new_vehicle.displacement_l)"),
        ("certificates", f"{certs} and scrappage_application.scrap_certificate_by_qualified_dismantler == true"),
        ("owners", f'date(old_vehicle.in_applicant_name_since) <= date("{owner_by}") and (new_vehicle.in_applicant_name == true or '
                   f'scrappage_application.subsidy_paid_on != null and date(scrappage_application.subsidy_paid_on) < date("{review_from}"))'),
    ]
    common = {"applicant": applicants, "old_class": classes, "new_class": classes, "submitted": "true", "old_kind": "true",
              "certificates": "true", "owners": "true"}
    rules = [
        {**common, "new_fuel": '"nev"', "catalogue": "true", "subsidy": str(buy_nev)},
        {**common, "old_fuel": '"gasoline", "diesel", "other_fuel"', "new_fuel": '"gasoline", "diesel", "other_fuel"',
         "displacement": f"<= {max_l}", "subsidy": str(buy_fuel)},
        {"subsidy": "0"},
    ]
    table = {
        "hitPolicy": "first",
        "inputs": [{"id": i, "name": i, "field": field} for i, field in inputs],
        "outputs": [{"id": "subsidy", "name": "subsidy", "field": "subsidy"}],
        "rules": [{"_id": f"r{n}", **{i: rule.get(i, "") for i, _ in inputs}, "subsidy": rule["subsidy"]} for n, rule in enumerate(rules)],
    }
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "case", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "car_scrappage", "position": {"x": 200, "y": 0}, "content": table},
            {"id": "out", "type": "outputNode", "name": "result", "position": {"x": 400, "y": 0}},
        ],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
                  {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"}],
    }


def zen_decision(on: date, known_at: date):
    """A compiled zen-engine decision, or None when zen-engine is not installed."""
    try:
        import zen
    except ImportError:
        return None
    return zen.ZenEngine().create_decision(json.dumps(car_table(on, known_at)))
